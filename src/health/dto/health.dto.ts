import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  /** `ok` when healthy. */
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}
