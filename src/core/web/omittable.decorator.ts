import { ValidateIf } from 'class-validator';

/**
 * A body field that may be left out but never set to null. `@IsOptional()` also lets null through,
 * which a PATCH would then write into a NOT NULL column (a 500); here null meets the field's own
 * validators and is refused with their message.
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
