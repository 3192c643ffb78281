import { Module } from '@nestjs/common';
import { OrderFigures, OrderFiguresReader } from './order-figures';

/**
 * The orders port other modules import (buyers, providers): a module of its own, with no import,
 * so depending on it never makes a cycle with OrdersModule (which depends on buyers).
 */
@Module({
  providers: [{ provide: OrderFigures, useClass: OrderFiguresReader }],
  exports: [OrderFigures],
})
export class OrderFiguresModule {}
