import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credits that pay for bookings (SPEC §6.6). What is left of a credit is `remaining_minor`, which
 * the database keeps between 0 and the amount issued; each amount an order took is a redemption
 * (one per order and credit), marked `restored_at` when a cancel gives it back. The order keeps the
 * sum it applied, at most its total.
 */
export class SpendableCredits1795840000000 implements MigrationInterface {
  name = 'SpendableCredits1795840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credits ADD COLUMN remaining_minor bigint`);
    await q.query(`UPDATE credits SET remaining_minor = amount_minor`);
    await q.query(`ALTER TABLE credits ALTER COLUMN remaining_minor SET NOT NULL`);
    await q.query(
      `ALTER TABLE credits ADD CONSTRAINT credits_remaining_range CHECK (remaining_minor >= 0 AND remaining_minor <= amount_minor)`,
    );
    // Bookings read a buyer's spendable credits soonest-expiring first.
    await q.query(`CREATE INDEX credits_spendable ON credits (buyer_id, expires_at, issued_at, id) WHERE remaining_minor > 0`);

    await q.query(`ALTER TABLE orders ADD COLUMN credit_applied_minor bigint NOT NULL DEFAULT 0`);
    await q.query(
      `ALTER TABLE orders ADD CONSTRAINT orders_credit_applied_range CHECK (credit_applied_minor >= 0 AND credit_applied_minor <= total_minor)`,
    );

    await q.query(`
      CREATE TABLE credit_redemptions (
        order_id uuid NOT NULL REFERENCES orders (id),
        credit_id uuid NOT NULL REFERENCES credits (id),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        created_at timestamptz NOT NULL,
        restored_at timestamptz,
        PRIMARY KEY (order_id, credit_id)
      )`);
    await q.query(`CREATE INDEX credit_redemptions_credit ON credit_redemptions (credit_id)`);

    await q.query(`ALTER TABLE order_events DROP CONSTRAINT order_events_type_check`);
    await q.query(`ALTER TABLE order_events ALTER COLUMN type TYPE varchar(16)`);
    await q.query(
      `ALTER TABLE order_events ADD CONSTRAINT order_events_type_check
         CHECK (type IN ('booked', 'picked_up', 'in_transit', 'delivered', 'lost', 'cancelled', 'remedy', 'credits_applied'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM order_events WHERE type = 'credits_applied'`);
    await q.query(`ALTER TABLE order_events DROP CONSTRAINT order_events_type_check`);
    await q.query(`ALTER TABLE order_events ALTER COLUMN type TYPE varchar(12)`);
    await q.query(
      `ALTER TABLE order_events ADD CONSTRAINT order_events_type_check CHECK (type IN ('booked', 'picked_up', 'in_transit', 'delivered', 'lost', 'cancelled', 'remedy'))`,
    );
    await q.query(`DROP TABLE credit_redemptions`);
    await q.query(`ALTER TABLE orders DROP COLUMN credit_applied_minor`);
    await q.query(`ALTER TABLE credits DROP COLUMN remaining_minor`);
  }
}
