import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './to-problem';

/** The one place where errors become HTTP responses (problem+json, SPEC §1). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(error, request, reply, this.logger);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Pick<Logger, 'error'>): void {
  const { body, unexpected } = toProblem(error, String(request.id));
  if (unexpected) {
    logger.error({ msg: 'unexpected error', requestId: request.id, err: error });
  }
  if (reply.sent) return;
  void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
}
