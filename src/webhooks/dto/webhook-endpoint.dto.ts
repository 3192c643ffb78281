import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  Validate,
} from 'class-validator';
import { EventPatternConstraint } from '../../events/dto/event.dto';
import { EVENT_TYPES } from '../../events/event-types';

const EVENTS_EXAMPLE = ['order.*', 'credit.issued'];

export class CreateWebhookEndpointDto {
  /** `https://` to a public address (`http://` and private addresses only with WEBHOOK_ALLOW_PRIVATE_URLS). */
  @ApiProperty({ example: 'https://partner.example.com/webhooks/blm', maxLength: 2048 })
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url: string;

  /** Event types to receive: `*` (all), a type, or a prefix ending in `.*`. */
  @ApiProperty({ example: EVENTS_EXAMPLE, description: `\`*\`, \`<prefix>.*\` or one of: ${EVENT_TYPES.join(', ')}` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Validate(EventPatternConstraint, { each: true })
  events: string[];

  /** Free text for the partner's own reference. */
  @ApiProperty({ required: false, example: 'Order tracking for our ERP' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookEndpointDto {
  @ApiProperty({ required: false, example: 'https://partner.example.com/webhooks/blm', maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url?: string;

  @ApiProperty({ required: false, example: ['*'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Validate(EventPatternConstraint, { each: true })
  events?: string[];

  @ApiProperty({ required: false, example: 'Order tracking for our ERP' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  /** `enabled` again (after a disable, clears `disabledReason`) or `disabled`. */
  @ApiProperty({ required: false, enum: ['enabled', 'disabled'], example: 'enabled' })
  @IsOptional()
  @IsIn(['enabled', 'disabled'])
  status?: 'enabled' | 'disabled';
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  id: string;

  @ApiProperty({ example: 'https://partner.example.com/webhooks/blm' })
  url: string;

  @ApiProperty({ example: EVENTS_EXAMPLE })
  events: string[];

  @ApiProperty({ example: 'Order tracking for our ERP' })
  description: string | null;

  @ApiProperty({ enum: ['enabled', 'disabled'], example: 'enabled' })
  status: 'enabled' | 'disabled';

  createdAt: Date;

  /** Why the endpoint was disabled (after 5 days of nothing but failed attempts, or by request); null while enabled. */
  @ApiProperty({ example: null, nullable: true, type: 'string' })
  disabledReason: string | null;

  /** `whsec_` + base64 of 24 random bytes: only in the answers of creation and rotation. */
  @ApiProperty({ required: false, example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret?: string;
}

export class WebhookEndpointPageDto {
  @ApiProperty({ type: [WebhookEndpointDto] })
  data: WebhookEndpointDto[];
  nextCursor: string | null;
}

export class WebhookDeliveryDto {
  /** The attempt's id. */
  @ApiProperty({ format: 'uuid', example: '1b4e28ba-2fa1-41d2-883f-0016d3cca427' })
  id: string;

  /** Also the `webhook-id` header of every attempt of this event. */
  @ApiProperty({ format: 'uuid', example: '3b241101-e2bb-4255-8caf-4136c566a962' })
  eventId: string;

  @ApiProperty({ enum: EVENT_TYPES, example: 'order.picked_up' })
  eventType: string;

  /** 1 for the first attempt; 8 attempts in all on the schedule, more by manual retry. */
  @ApiProperty({ type: 'integer', example: 1 })
  attempt: number;

  @ApiProperty({ enum: ['succeeded', 'failed', 'pending'], example: 'succeeded' })
  status: 'succeeded' | 'failed' | 'pending';

  /** The receiver's HTTP status (null: no answer). */
  @ApiProperty({ type: 'integer', nullable: true, example: 200 })
  responseStatus: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 42 })
  durationMs: number | null;

  @ApiProperty({ type: 'string', nullable: true, example: null })
  error: string | null;

  createdAt: Date;

  /** When the attempt was made (null while pending). */
  attemptedAt: Date | null;

  /** When a pending attempt is due (null once made). */
  nextAttemptAt: Date | null;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] })
  data: WebhookDeliveryDto[];
  nextCursor: string | null;
}
