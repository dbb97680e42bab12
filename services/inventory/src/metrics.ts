/**
 * The inventory service's own Prometheus metrics (architecture §8), registered on the service's
 * registry (runtime.metrics) beside the platform's HTTP and outbox metrics.
 */
import { Counter, type Registry } from '@bazaar/platform/telemetry/index';

export interface InventoryMetrics {
  /** ReserveStock calls answered, by outcome (RESERVED, ALREADY_RESERVED, OUT_OF_STOCK). */
  reservations: Counter<'outcome'>;
  /** ReserveStock calls answered OUT_OF_STOCK. */
  reservationFailures: Counter;
  /** Reservations released by the expiry sweep. */
  expiredReservations: Counter;
  /** MQTT delta messages, by outcome (applied, duplicate, invalid, unknown_sku, ...). */
  iotMessages: Counter<'outcome'>;
}

export function createInventoryMetrics(registry: Registry): InventoryMetrics {
  return {
    reservations: new Counter({
      name: 'inventory_reservations_total',
      help: 'ReserveStock calls answered, by outcome.',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    reservationFailures: new Counter({
      name: 'inventory_reservation_failures_total',
      help: 'ReserveStock calls answered OUT_OF_STOCK (at least one item could not be covered).',
      registers: [registry],
    }),
    expiredReservations: new Counter({
      name: 'inventory_expired_reservations_total',
      help: 'Reservations released by the expiry sweep (reason RESERVATION_EXPIRED).',
      registers: [registry],
    }),
    iotMessages: new Counter({
      name: 'inventory_iot_messages_total',
      help: 'MQTT stock delta messages handled, by outcome.',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
