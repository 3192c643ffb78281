import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import { DocumentsService } from './documents.service';
import { CreateDocumentDto, DocumentDto, DocumentPageDto, ReviewDocumentDto } from './dto/document.dto';

@ApiTags('Provider documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  /** Upload a document's metadata for review (that provider). */
  @Post('providers/:id/documents')
  @Roles('provider')
  @ApiErrors('validation_failed', 'forbidden', 'not_found')
  async upload(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateDocumentDto,
  ): Promise<DocumentDto> {
    return this.documents.upload(caller, id, body);
  }

  /** A provider's documents, oldest first (admin, that provider). */
  @Get('providers/:id/documents')
  @Roles('admin', 'provider')
  @ApiErrors('validation_failed', 'invalid_cursor', 'forbidden', 'not_found')
  async list(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PaginationQueryDto,
  ): Promise<DocumentPageDto> {
    return this.documents.list(caller, id, query);
  }

  /** Verify or reject a pending document (admin); re-checks the provider's qualification. A document is reviewed once. */
  @Post('documents/:id/review')
  @HttpCode(200)
  @Roles('admin')
  @ApiErrors('validation_failed', 'forbidden', 'not_found', 'document_already_reviewed')
  async review(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReviewDocumentDto): Promise<DocumentDto> {
    return this.documents.review(id, body, this.clock.now());
  }
}
