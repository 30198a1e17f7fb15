import { useEffect, useState } from 'react';
import type { PasswordVerdict } from '@exam/shared/domain';
import { TextField } from '../../ui/TextField';
import { checkNewPassword } from './account.api';

/**
 * A new password with the policy's verdict beside it, asked of the server (the same rule it
 * applies on submit; zxcvbn's dictionaries are too large to send to a browser). A failed check
 * shows nothing: the server still judges the password when the form is sent.
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
    const controller = new AbortController();
    const timer = setTimeout(() => {
      checkNewPassword(value, account, controller.signal).then(
        (result) => {
          setChecked({ value, verdict: result });
          onVerdict(result);
        },
        () => undefined,
      );
    }, 250);
    return () => {
      controller.abort();
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
