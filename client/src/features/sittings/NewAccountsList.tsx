import type { NewCandidateAccount } from '@exam/shared/api';

/** First passwords of accounts just created: shown once, to hand to each candidate privately. */
export function NewAccountsList({ accounts }: { accounts: NewCandidateAccount[] }) {
  if (accounts.length === 0) return null;
  return (
    <div className="notice new-accounts">
      <p>
        New accounts and their first passwords. They are shown only now: give each candidate theirs
        privately.
      </p>
      <table className="data-table">
        <caption className="visually-hidden">New candidate accounts</caption>
        <thead>
          <tr>
            <th scope="col">Email address</th>
            <th scope="col">First password</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.email}>
              <th scope="row">{a.email}</th>
              <td>
                <code>{a.temporaryPassword}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
