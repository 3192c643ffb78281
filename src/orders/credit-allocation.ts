/** How credits pay for an order (SPEC §6.6). Pure: no clock, no database. */

export interface CreditBalance {
  id: string;
  remainingMinor: number;
  issuedAt: Date;
  expiresAt: Date;
}

export interface CreditUse {
  creditId: string;
  amountMinor: number;
}

export type CreditStatus = 'active' | 'spent' | 'expired';

/** `spent` once nothing is left (whatever the date); `expired` past `expiresAt` with something left. */
export function creditStatus(c: Pick<CreditBalance, 'remainingMinor' | 'expiresAt'>, now: Date): CreditStatus {
  if (c.remainingMinor <= 0) return 'spent';
  return c.expiresAt > now ? 'active' : 'expired';
}

export const isSpendable = (c: Pick<CreditBalance, 'remainingMinor' | 'expiresAt'>, now: Date) => creditStatus(c, now) === 'active';

/** Soonest-expiring first; ties: oldest issuedAt, then id, so every instance picks the same order. */
export function spendingOrder(a: CreditBalance, b: CreditBalance): number {
  return (
    a.expiresAt.getTime() - b.expiresAt.getTime() || a.issuedAt.getTime() - b.issuedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Spends up to `amountMinor` from the spendable credits in spending order, each in part where
 * needed. Answers what each credit gives (only credits that give something) and their sum.
 */
export function allocateCredits(credits: CreditBalance[], amountMinor: number, now: Date): { uses: CreditUse[]; appliedMinor: number } {
  const uses: CreditUse[] = [];
  let left = Math.max(0, amountMinor);
  for (const credit of credits.filter((c) => isSpendable(c, now)).sort(spendingOrder)) {
    if (left === 0) break;
    const take = Math.min(credit.remainingMinor, left);
    uses.push({ creditId: credit.id, amountMinor: take });
    left -= take;
  }
  return { uses, appliedMinor: Math.max(0, amountMinor) - left };
}
