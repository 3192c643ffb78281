import 'reflect-metadata';
import { Module, Controller, Get } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt } from 'class-validator';
export class PingDto { /** the count */ @IsInt() count: number; }
@Controller('ping') class C { @Get() get(): PingDto { return { count: 1 }; } }
@Module({ controllers: [C] }) class M {}
async function main() { const app = await NestFactory.create<NestFastifyApplication>(M, new FastifyAdapter()); await app.listen(3999); console.log('up'); await app.close(); }
void main();
