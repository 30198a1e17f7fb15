import { useEffect, useState } from 'react';
import { checkPassword, type PasswordVerdict } from '@exam/shared/domain';
import { TextField } from '../../ui/TextField';

/**
 * A new password with the policy's verdict beside it, the same rule the server applies: the
 * dictionaries load with the first check, on this page only.
 */
export function NewPasswordField({
  value,
  onChange,
  account,
  onVerdict,
}: {
  value: string;
  onChange(value: string): void;
  account: { email?: string; displayName?: string };
  onVerdict(verdict: PasswordVerdict | null): void;
}) {
  // The verdict is kept with the value it judged: a newer value shows none until checked.
  const [checked, setChecked] = useState<{ value: string; verdict: PasswordVerdict } | null>(null);
  const verdict = checked && checked.value === value && value ? checked.verdict : null;
  useEffect(() => {
    if (!value) return;
    let current = true;
    const timer = setTimeout(() => {
      void checkPassword(value, account).then((result) => {
        if (!current) return;
        setChecked({ value, verdict: result });
        onVerdict(result);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // account's fields, not its identity, decide the verdict
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, account.email, account.displayName]);
  return (
    <TextField
      label="New password"
      type="password"
      name="new-password"
      autoComplete="new-password"
      hint="At least 12 characters; not a common password, nor built on your name or email."
      value={value}
      onChange={(next) => {
        if (next !== value) onVerdict(null);
        onChange(next);
      }}
      {...(verdict && !verdict.ok
        ? { problem: { invalid: true, text: verdict.reasons.join(' ') } }
        : {})}
    />
  );
}
