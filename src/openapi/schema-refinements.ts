import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Schema = SchemaObject | ReferenceObject;

/**
 * The classes the validation pipe checks: the routes' body DTOs and every class with validators of
 * its own (class-validator keeps them in one map and has no public way to list them).
 */
function validatedClasses(bodyTypes: Function[]): Function[] {
  const decorated = (
    getMetadataStorage() as unknown as { validationMetadatas: Map<Function, ValidationMetadata[]> }
  ).validationMetadatas.keys();
  return [...new Set([...bodyTypes, ...decorated])];
}

function validatorsOf(target: Function): Map<string, ValidationMetadata[]> {
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    byProperty.set(meta.propertyName, [...(byProperty.get(meta.propertyName) ?? []), meta]);
  }
  return byProperty;
}

/** `@IsInt` → integer, `@IsUUID` → format uuid: the validator is what the server enforces. */
function refineProperty(schema: SchemaObject, validators: ValidationMetadata[]): void {
  for (const meta of validators) {
    const target = meta.each && schema.items && !('$ref' in schema.items) ? schema.items : schema;
    if (meta.name === 'isInt') target.type = 'integer';
    if (meta.name === 'isUuid') target.format = 'uuid';
  }
}

/**
 * Request DTOs (the classes the validation pipe checks) refuse unknown fields (whitelist +
 * forbidNonWhitelisted), and their integers and UUIDs are what their validators say.
 */
export function refineRequestSchemas(document: OpenAPIObject, bodyTypes: Function[]): void {
  const schemas = document.components?.schemas ?? {};
  for (const target of validatedClasses(bodyTypes)) {
    const schema = schemas[target.name] as SchemaObject | undefined;
    if (!schema?.properties) continue;
    schema.additionalProperties = false;
    for (const [property, validators] of validatorsOf(target)) {
      const propertySchema = schema.properties[property];
      if (propertySchema && !('$ref' in propertySchema)) refineProperty(propertySchema, validators);
    }
  }
}

/** The same for the query parameters a query DTO becomes. */
export function refineQueryParameters(parameters: { in: string; name: string; schema?: Schema }[], queryType: Function | undefined): void {
  if (!queryType) return;
  const validators = validatorsOf(queryType);
  for (const parameter of parameters) {
    const found = parameter.in === 'query' ? validators.get(parameter.name) : undefined;
    if (found && parameter.schema && !('$ref' in parameter.schema)) refineProperty(parameter.schema, found);
  }
}

const resolve = (document: OpenAPIObject, schema: Schema): SchemaObject =>
  '$ref' in schema ? (document.components!.schemas![schema.$ref.split('/').pop()!] as SchemaObject) : schema;

/**
 * A request example built from the examples the DTO's fields declare (a required enum: its first
 * value). Undefined when a required field has none: the lint rule then asks for one.
 */
export function composeExample(document: OpenAPIObject, schema: Schema, depth = 0, required = true): unknown {
  const resolved = resolve(document, schema);
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.enum?.length) return required ? resolved.enum[0] : undefined;
  if (depth > 8) return undefined;
  if (resolved.type === 'array' && resolved.items) {
    const item = composeExample(document, resolved.items, depth + 1);
    return item === undefined ? undefined : [item];
  }
  if (resolved.allOf?.length === 1) return composeExample(document, resolved.allOf[0], depth + 1);
  if (!resolved.properties) return undefined;
  const example: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(resolved.properties)) {
    const isRequired = resolved.required?.includes(name) ?? false;
    const value = composeExample(document, property, depth + 1, isRequired);
    if (value !== undefined) example[name] = value;
    else if (isRequired) return undefined;
  }
  return example;
}
