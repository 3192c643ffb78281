import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto';
import { EVENT_TYPES, isEventPattern } from '../event-types';

@ValidatorConstraint({ name: 'eventPattern' })
export class EventPatternConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isEventPattern(value);
  }
  defaultMessage(): string {
    return `must be *, an event type (${EVENT_TYPES.join(', ')}) or a prefix followed by .* (order.*)`;
  }
}

export class ListEventsQueryDto extends PaginationQueryDto {
  /** An event type, or a prefix ending in `.*` (`order.*`). */
  @ApiProperty({ required: false, example: 'order.*' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Validate(EventPatternConstraint)
  type?: string;
}

export class EventDataDto {
  /** The resource after the change, in its §10 shape (an order event carries the order with its timeline). */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { id: '0f8fad5b-d9cb-469f-a165-70867728950e', status: 'picked_up' } })
  object: Record<string, unknown>;
}

export class EventDto {
  @ApiProperty({ format: 'uuid', example: '3b241101-e2bb-4255-8caf-4136c566a962' })
  id: string;

  @ApiProperty({ enum: EVENT_TYPES, example: 'order.picked_up' })
  type: string;

  createdAt: Date;

  data: EventDataDto;
}

export class EventPageDto {
  @ApiProperty({ type: [EventDto] })
  data: EventDto[];
  nextCursor: string | null;
}
