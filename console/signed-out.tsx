// Shown without a session: there are no passwords, so the way in is an invite link.
export function SignedOut({ message }: { message?: string }) {
  return (
    <main class="center">
      <div class="panel narrow">
        <h1>Sign in to FirstCall</h1>
        {message && (
          <p class="field-error" role="alert">
            {message}
          </p>
        )}
        <p>
          There is no password. Open the invite link your manager sent you by text or email, on the
          phone you want to use. Each link works once.
        </p>
        <p class="muted">
          Lost the link, or it expired? Ask an owner or manager to send you a new invite from
          Settings → Team.
        </p>
      </div>
    </main>
  );
}
