import { Module } from '@nestjs/common';
import { DeliveryWorker } from './delivery.worker';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** Webhook endpoints and Standard Webhooks delivery of the events (SPEC §11); depends only on the events module. */
@Module({
  controllers: [WebhookEndpointsController],
  providers: [WebhookEndpointsRepository, WebhookDeliveriesRepository, WebhookEndpointsService, DeliveryWorker],
})
export class WebhooksModule {}
