import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from '../api/client.js';
import { translatedFieldErrors } from '../api/problems.js';

/** Translates one zod issue into a sentence in the UI language. */
export function issueMessage(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return min <= 1 ? t('validation.required') : t('validation.minLength', { min });
      }
      return t('validation.required');
    }
    case 'too_big':
      return issue.origin === 'array'
        ? t('validation.maxItems', { max: Number(issue.maximum) })
        : t('validation.maxLength', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? t('validation.required')
        : t('validation.invalid');
    case 'invalid_value':
      return t('validation.choose');
    default:
      return t('validation.invalid');
  }
}

/**
 * Validates with a contract schema (the same one the server uses) and returns Mantine form
 * errors keyed by path, with translated messages.
 */
export function zodErrors(schema: z.ZodType, value: unknown, t: TFunction): FormErrors {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issueMessage(issue, t);
  }
  return errors;
}

interface FormWithErrors {
  setErrors: (errors: FormErrors) => void;
}

/**
 * Puts a failed request's field errors next to their fields. Returns true when at least one
 * field got an error (then no separate alert is needed).
 */
export function applyServerErrors(form: FormWithErrors, error: unknown, t: TFunction): boolean {
  if (!(error instanceof ApiError)) return false;
  const errors = translatedFieldErrors(error, t);
  if (Object.keys(errors).length === 0) return false;
  form.setErrors(errors);
  return true;
}
