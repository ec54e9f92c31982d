import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { errorsOf, PageError } from '../../components';
import { graphql } from '../../gql';
import type { MailingFormat } from '../../gql/graphql';
import { inputProblems } from '../../lib/error-actions';
import { useI18n, type MessageKey } from '../../lib/i18n';

const OfficeMailingCountQuery = graphql(`
  query OfficeMailingCount($id: ID!) {
    association(id: $id) {
      id
      members(first: 1) {
        totalCount
      }
    }
  }
`);

const ExportMailingMutation = graphql(`
  mutation OfficeExportMailing($input: ExportMailingListInput!) {
    exportMailingList(input: $input) {
      filename
      contentType
      rowCount
      contentBase64
      warnings
      provisionRecord {
        id
        recipient
        purpose
        rowCount
        createdAt
      }
    }
  }
`);

const FORMATS: { value: MailingFormat; label: MessageKey }[] = [
  { value: 'CSV_UTF8_BOM', label: 'mailingFormatCsvUtf8' },
  { value: 'CSV_SHIFT_JIS', label: 'mailingFormatCsvSjis' },
  { value: 'LABELS_HTML', label: 'mailingFormatLabels' },
];

/** 発送: the current members' mailing list or labels for a vendor, recorded as a provision record. */
export function MailingView({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const id = useId();
  const count = useQuery(OfficeMailingCountQuery, { variables: { id: associationId } });
  const [format, setFormat] = useState<MailingFormat>('CSV_UTF8_BOM');
  const [purpose, setPurpose] = useState('');
  const [recipient, setRecipient] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [run, running] = useMutation(ExportMailingMutation);
  const [file, setFile] = useState<{ url: string; name: string; text: string } | null>(null);
  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);
  const total = count.data?.association?.members?.totalCount;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!purpose.trim()) missing['input.purpose'] = t('mailingRequired');
    if (!recipient.trim()) missing['input.recipient'] = t('mailingRequired');
    setProblems(missing);
    setFailure(null);
    if (Object.keys(missing).length) return;
    const result = await run({
      variables: { input: { associationId, format, purpose: purpose.trim(), recipient: recipient.trim() } },
    });
    const errs = errorsOf(result.error);
    const fields = inputProblems(errs);
    if (Object.keys(fields).length) return setProblems(fields);
    if (result.error || !result.data) return setFailure(result.error);
    const x = result.data.exportMailingList;
    const bytes = Uint8Array.from(atob(x.contentBase64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: x.contentType }));
    setFile({
      url,
      name: x.filename,
      text: t('mailingDone', {
        count: String(x.rowCount),
        recipient: x.provisionRecord.recipient,
        purpose: x.provisionRecord.purpose,
      }),
    });
  };

  const input = (key: 'purpose' | 'recipient', value: string, set: (v: string) => void) => {
    const fid = `${id}-${key}`;
    const problem = problems[`input.${key}`];
    return (
      <div className="form-field">
        <label htmlFor={fid}>{t(key === 'purpose' ? 'mailingPurpose' : 'mailingRecipient')}</label>
        <input
          id={fid}
          name={key}
          value={value}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${fid}-hint${problem ? ` ${fid}-error` : ''}`}
          onChange={(e) => set(e.target.value)}
        />
        <p id={`${fid}-hint`} className="hint">
          {t(key === 'purpose' ? 'mailingPurposeHint' : 'mailingRecipientHint')}
        </p>
        {problem && (
          <p id={`${fid}-error`} className="field-error">
            {problem}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('mailingTitle')}</h2>
      <p className="lead">{t('mailingLead')}</p>
      {total !== undefined && (
        <p data-testid="mailing-preview">
          {t('membersCount', { total: String(total), shown: String(total) })}
        </p>
      )}
      {file && (
        <div role="status" className="notice notice--ok" data-testid="mailing-done">
          <p>{file.text}</p>
          <a href={file.url} download={file.name} className="button">
            {t('mailingDownload')}（{file.name}）
          </a>
        </div>
      )}
      <PageError error={failure} />
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset>
          <legend>{t('mailingFormat')}</legend>
          {FORMATS.map((f) => (
            <label key={f.value} className="checkbox">
              <input
                type="radio"
                name="format"
                value={f.value}
                checked={format === f.value}
                onChange={() => setFormat(f.value)}
              />{' '}
              {t(f.label)}
            </label>
          ))}
        </fieldset>
        {input('purpose', purpose, setPurpose)}
        {input('recipient', recipient, setRecipient)}
        <div className="actions">
          <button type="submit" className="button" disabled={running.loading}>
            {t('mailingExport')}
          </button>
        </div>
      </form>
    </section>
  );
}
