import { Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * Graceful shutdown (SPEC §8): once the application starts closing, every response still being
 * made carries `Connection: close`, so its keep-alive socket closes as soon as the answer is sent.
 * Without it the HTTP server's close waits for that socket's keep-alive timeout (72 s), far past
 * SHUTDOWN_TIMEOUT_MS. Idle sockets are closed by the server's close itself; new requests get a
 * 503 problem+json (installHttpErrorHandling).
 */
@Injectable()
export class ConnectionClose implements OnModuleInit, BeforeApplicationShutdown {
  private closing = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', async (request, reply) => {
      if (this.closing && request.raw.httpVersionMajor < 2) void reply.header('connection', 'close');
    });
  }

  // Runs before Nest closes the HTTP server (and before the database goes).
  beforeApplicationShutdown(): void {
    this.closing = true;
  }
}
