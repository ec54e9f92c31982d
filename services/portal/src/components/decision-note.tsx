/**
 * The note of an office decision (a reason, needed to return or reject), with the problem with it
 * said at the field: the textarea's id is `inputId`, the problem's `errorId`.
 */
export function DecisionNote({
  inputId,
  errorId,
  label,
  value,
  problem,
  onChange,
}: {
  inputId: string;
  errorId: string;
  label: string;
  value: string;
  problem: string | null;
  onChange(value: string): void;
}) {
  return (
    <div className="form-field">
      <label htmlFor={inputId}>{label}</label>
      <textarea
        id={inputId}
        value={value}
        rows={2}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem && (
        <p id={errorId} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
