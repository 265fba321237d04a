import { BadRequestException, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

/** class-validator's constraint for a field the DTO does not declare (forbidNonWhitelisted). */
const UNKNOWN_FIELD = 'whitelistValidation';

/** An unknown field's name is echoed up to this length: a hostile key can be kilobytes long. */
const SHOWN_NAME_LENGTH = 64;

/** A caller's input as an error message may quote it: cut at 64 characters, marked with `…`. */
export function shownInput(text: string): string {
  return text.length > SHOWN_NAME_LENGTH ? `${text.slice(0, SHOWN_NAME_LENGTH)}…` : text;
}

/**
 * The global pipe's 400: one message per field, in words for the caller. An undeclared field is
 * named with the ones the request may carry (instead of "property q should not exist"); a field
 * that breaks several rules gets one message, its most basic rule's.
 */
export function validationException(errors: ValidationError[]): BadRequestException {
  return new BadRequestException([...new Set(errors.flatMap((error) => fieldMessages(error, '')))]);
}

function fieldMessages(error: ValidationError, parent: string): string[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const constraints = error.constraints ?? {};
  const messages: string[] = [];
  if (UNKNOWN_FIELD in constraints) {
    const allowed = allowedFields(error.target);
    const shown = shownInput(field);
    messages.push(
      allowed.length > 0
        ? `${shown} is not a known field; allowed: ${allowed.join(', ')}`
        : `${shown} is not a known field; this request takes none`,
    );
  } else {
    // Decorators register bottom-up, so the last constraint is the topmost decorator: the basic
    // rule (is it an array, a string) before the finer ones (sizes, patterns).
    const basic = Object.values(constraints).at(-1);
    if (basic !== undefined) {
      messages.push(parent ? `${parent}.${basic}` : basic);
    }
  }
  for (const child of error.children ?? []) {
    messages.push(...fieldMessages(child, field));
  }
  return messages;
}

/** The fields the DTO behind `target` declares, as class-validator knows them. */
function allowedFields(target: object | undefined): string[] {
  if (!target) {
    return [];
  }
  const metadata = getMetadataStorage().getTargetValidationMetadatas(
    target.constructor,
    '',
    true,
    false,
  );
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}
