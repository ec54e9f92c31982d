import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { errorsOf } from '../../components';
import { DryRunPanel, FieldError, newIdempotencyKey } from '../../components/dry-run-panel';
import { graphql } from '../../gql';
import { inputProblems } from '../../lib/error-actions';
import { useI18n, type MessageKey } from '../../lib/i18n';

const SendNoticeMutation = graphql(`
  mutation OfficeSendAssociationNotice($input: SendAssociationNoticeInput!) {
    sendAssociationNotice(input: $input) {
      dryRun
      associationName
      recipientCount
      notifiedCount
    }
  }
`);

type Field = 'subjectJa' | 'bodyJa' | 'subjectEn' | 'bodyEn';
const FIELDS: { key: Field; label: MessageKey; multiline: boolean }[] = [
  { key: 'subjectJa', label: 'noticeSubjectJa', multiline: false },
  { key: 'bodyJa', label: 'noticeBodyJa', multiline: true },
  { key: 'subjectEn', label: 'noticeSubjectEn', multiline: false },
  { key: 'bodyEn', label: 'noticeBodyEn', multiline: true },
];

/**
 * お知らせ: a notice of the association's activities to its current members (on My Page and by
 * e-mail). The preview counts the recipients; sending applies exactly the previewed texts once.
 */
export function NoticesView({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const id = useId();
  const empty: Record<Field, string> = { subjectJa: '', bodyJa: '', subjectEn: '', bodyEn: '' };
  const [values, setValues] = useState(empty);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [preview, setPreview] = useState<{ count: number; key: string; texts: Record<Field, string> } | null>(
    null,
  );
  const [done, setDone] = useState<string | null>(null);
  const [run, running] = useMutation(SendNoticeMutation);

  const send = async (dryRun: boolean, texts: Record<Field, string>, idempotencyKey: string) => {
    setFailure(null);
    const missing: Record<string, string> = {};
    for (const f of FIELDS) if (!texts[f.key].trim()) missing[`input.${f.key}`] = t('mailingRequired');
    setProblems(missing);
    if (Object.keys(missing).length) return null;
    const result = await run({ variables: { input: { associationId, ...texts, dryRun, idempotencyKey } } });
    const fields = inputProblems(errorsOf(result.error));
    if (Object.keys(fields).length) {
      setProblems(fields);
      return null;
    }
    if (result.error || !result.data) {
      setFailure(result.error);
      return null;
    }
    return result.data.sendAssociationNotice;
  };

  const onPreview = async () => {
    setDone(null);
    const texts = { ...values };
    const key = newIdempotencyKey();
    const r = await send(true, texts, key);
    setPreview(r ? { count: r.recipientCount, key, texts } : null);
  };

  const onApply = async () => {
    if (!preview) return;
    const r = await send(false, preview.texts, preview.key);
    if (!r) return;
    setPreview(null);
    setValues(empty);
    setDone(t('noticeSent', { count: String(r.notifiedCount) }));
  };

  const changed = !!preview && FIELDS.some((f) => preview.texts[f.key] !== values[f.key]);

  return (
    <DryRunPanel
      title={t('noticeTitle')}
      lead={t('noticeLead')}
      done={done}
      doneTestId="notice-done"
      failure={failure}
      busy={running.loading}
      onPreview={() => void onPreview()}
      preview={preview && <p>{t('noticeRecipients', { count: String(preview.count) })}</p>}
      previewTestId="notice-preview"
      applyLabel={t('noticeSend')}
      applyDisabled={changed || preview?.count === 0}
      onApply={() => void onApply()}
      fields={FIELDS.map((f) => {
        const fid = `${id}-${f.key}`;
        const problem = problems[`input.${f.key}`];
        const common = {
          id: fid,
          name: f.key,
          value: values[f.key],
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': problem ? `${fid}-error` : undefined,
          onChange: (e: { target: { value: string } }) =>
            setValues((v) => ({ ...v, [f.key]: e.target.value })),
        };
        return (
          <div className="form-field" key={f.key}>
            <label htmlFor={fid}>{t(f.label)}</label>
            {f.multiline ? <textarea rows={6} {...common} /> : <input {...common} />}
            <FieldError id={`${fid}-error`} problem={problem} />
          </div>
        );
      })}
    />
  );
}
