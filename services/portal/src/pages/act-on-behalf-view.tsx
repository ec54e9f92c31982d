import { useId, useState, type FormEvent } from 'react';
import { useAuth } from '../lib/auth';
import { useRouter } from '../lib/router';
import { useMyText } from './my-page-messages';

/**
 * Staff acting on a member's behalf (terms art. 5.5): the member's id (from the office console's
 * link, `/me/act?person=<id>`, or typed) and the reason, exchanged at the identity service for a
 * short-lived token whose subject is the member; My Page then shows the member's data with the
 * banner naming who acts for whom. Identity refuses anyone not a current member of the staff
 * member's own association with one generic answer.
 */
export function ActOnBehalfView() {
  const { tm } = useMyText();
  const auth = useAuth();
  const { location, navigate } = useRouter();
  const [personId, setPersonId] = useState(location.search.get('person') ?? '');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<'refused' | 'reason' | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (!reason.trim()) {
      setProblem('reason');
      return;
    }
    setBusy(true);
    try {
      await auth.actOnBehalf(personId.trim(), reason.trim());
      navigate('/me');
    } catch {
      setProblem('refused');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{tm('actTitle')}</h2>
      <p>{tm('actLead')}</p>
      {problem === 'refused' && (
        <p role="alert" className="notice notice--error">
          {tm('actRefused')}
        </p>
      )}
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="form-field">
          <label htmlFor={`${ids}-person`}>{tm('actPerson')}</label>
          <input
            id={`${ids}-person`}
            value={personId}
            onChange={(e) => setPersonId(e.target.value)}
            required
          />
        </div>
        <div className="form-field">
          <label htmlFor={`${ids}-reason`}>{tm('actReason')}</label>
          <textarea
            id={`${ids}-reason`}
            rows={2}
            value={reason}
            maxLength={500}
            required
            aria-invalid={problem === 'reason' || undefined}
            aria-describedby={problem === 'reason' ? `${ids}-reason-error` : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {problem === 'reason' && (
            <p id={`${ids}-reason-error`} className="field-error">
              {tm('actReasonRequired')}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={busy || !personId.trim()}>
          {tm('actSubmit')}
        </button>
      </form>
    </section>
  );
}
