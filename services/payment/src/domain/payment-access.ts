/**
 * Who may see a payment and its refunds (services/payment/src/domain; contract: "readable by the
 * customer who paid, by admins and by Bazaar's services; to anyone else they answer 404").
 */

export interface Viewer {
  readonly userId: string;
  readonly roles: readonly string[];
}

const SEE_EVERY_PAYMENT = ['admin', 'service'];

export function canSeePayment(payment: { readonly customerId: string }, viewer: Viewer): boolean {
  return (
    viewer.userId === payment.customerId ||
    viewer.roles.some((role) => SEE_EVERY_PAYMENT.includes(role))
  );
}
