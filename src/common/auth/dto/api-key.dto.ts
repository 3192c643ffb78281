import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsName } from '../../validators';
import { ROLES, type Role } from '../principal';

export class CreateApiKeyDto {
  /** Role of the new key. Admins may issue any role; a buyer or provider gets a key of its own role. */
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  /** The buyer or provider the key acts for (required for those roles, absent for admin keys). */
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  /** A note to tell keys apart, e.g. "warehouse integration". */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsName()
  label?: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** The first characters of the secret (at most 8, never more than a quarter of it), to recognise the key. */
  prefix: string;
  role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  subjectId: string | null;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export class CreatedApiKeyDto {
  key: ApiKeyDto;
  /** The secret, shown only in this response: store it now. Send it as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
}

export class WhoAmIDto {
  @ApiProperty({ format: 'uuid' })
  keyId: string;
  role: Role;
  /** The buyer or provider this key acts for; null for admin keys. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  subjectId: string | null;
}
