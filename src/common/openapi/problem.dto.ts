import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  /** JSON path of the offending field, e.g. `pieces[0].weightKg`. */
  @ApiProperty({ example: 'pieces[0].weightKg' })
  field: string;

  @ApiProperty({ example: 'weightKg must not be greater than 1000' })
  message: string;
}

/** RFC 9457 problem details: the shape of every error response. */
export class ProblemDto {
  @ApiProperty({ example: 'https://docs.blm.example/problems/validation_failed' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status: number;

  @ApiPropertyOptional({ example: 'The request is invalid; see errors.' })
  detail?: string;

  /** Stable, snake_case: switch on this, not on `title` or `detail` (the document lists every code). */
  @ApiProperty({ example: 'validation_failed' })
  code: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];

  /** Echoes X-Request-Id: quote it to support. */
  @ApiProperty({ example: '5f0c4b4e-8d1c-4c43-9a55-2f1f9c1b7f10' })
  requestId: string;
}
