export { AccountPage } from './AccountPage';
export { ForgotPasswordPage, ResetPasswordPage } from './PasswordResetPages';
export { InvitationPage } from './InvitationPage';
export { UnlockPage } from './UnlockPage';
