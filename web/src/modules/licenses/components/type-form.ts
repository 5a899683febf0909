// The licence type editor's form model: a `LicenseTypeDefinition` laid out for inputs (fields as
// ordered rows, statuses as five switchable rows), and the conversions both ways. Properties the
// form does not show (applicationMapping, enum labels, patterns, template field order, footer) are
// carried through unchanged, so saving an edit never drops them. Pure code: no I/O, no Vue.
import type { LicenseTypeDefinition } from '../api.ts';

export type Lang = 'zh-CN' | 'zh-TW' | 'en-US';
export type Labels = Record<Lang, string>;
export const LANGS: readonly Lang[] = ['zh-CN', 'zh-TW', 'en-US'];
export const STATUSES = ['valid', 'suspended', 'revoked', 'expired', 'replaced'] as const;
export const FIELD_TYPES = ['string', 'integer', 'number', 'boolean'] as const;
export const FIELD_FORMATS = ['date', 'id-card', 'uscc', 'division-code', 'mobile'] as const;
export const LAYOUTS = ['a4-portrait', 'a4-landscape', 'card'] as const;
export const CODE_PATTERN = /^[0-9A-Z]{1,32}$/;
export const KEY_PATTERN = /^[a-z][a-z0-9-]{1,59}$/;
export const FIELD_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9]{0,39}$/;

type Field = LicenseTypeDefinition['schema']['properties'][string];
type Status = (typeof STATUSES)[number];

/** Default status wording for a new type (the platform's common words). */
export const STATUS_DEFAULTS: Record<Status, Labels> = {
  valid: { 'zh-CN': '有效', 'zh-TW': '有效', 'en-US': 'Valid' },
  suspended: { 'zh-CN': '暂停', 'zh-TW': '暫停', 'en-US': 'Suspended' },
  revoked: { 'zh-CN': '撤销', 'zh-TW': '撤銷', 'en-US': 'Revoked' },
  expired: { 'zh-CN': '过期', 'zh-TW': '過期', 'en-US': 'Expired' },
  replaced: { 'zh-CN': '已换发', 'zh-TW': '已換發', 'en-US': 'Replaced' },
};

export interface FieldRow {
  /** Local row id for v-for keys (field keys change while typing). */
  id: number;
  key: string;
  type: Field['type'];
  title: Labels;
  format: Field['format'] | '';
  required: boolean;
  sensitive: boolean;
  maxLength: number | undefined;
  /** Enum values, comma separated. */
  enumText: string;
  /** Everything else the field had (description, enumLabels, pattern, bounds). */
  rest: Partial<Field>;
}

export interface TypeForm {
  code: string;
  key: string;
  name: Labels;
  description: Labels;
  holderKind: 'person' | 'organization';
  issuers: string[];
  reference: boolean;
  resultNames: string[];
  validityKind: 'permanent' | 'period' | 'issuer-set';
  years: number | undefined;
  months: number | undefined;
  fields: FieldRow[];
  holderName: string;
  holderIdentifier: string;
  statuses: Array<{ code: Status; enabled: boolean; label: Labels }>;
  layout: (typeof LAYOUTS)[number];
  emblem: boolean;
  colour: string;
  title: Labels;
  /** Definition properties the form does not edit, carried through on save. */
  rest: Partial<LicenseTypeDefinition>;
}

let nextId = 1;
const empty = (): Labels => ({ 'zh-CN': '', 'zh-TW': '', 'en-US': '' });
const copy = (l: Labels | undefined): Labels => ({ ...empty(), ...l });
const blank = (l: Labels): boolean => LANGS.every((x) => !l[x].trim());
const trimmed = (l: Labels): Labels => ({ 'zh-CN': l['zh-CN'].trim(), 'zh-TW': l['zh-TW'].trim(), 'en-US': l['en-US'].trim() });

/** An empty field row (a required text field). */
export function newFieldRow(): FieldRow {
  return { id: nextId++, key: '', type: 'string', title: empty(), format: '', required: true, sensitive: false, maxLength: undefined, enumText: '', rest: {} };
}

/** The form of a brand-new type: person holder, the five default statuses, A4 portrait. */
export function newTypeForm(): TypeForm {
  return {
    code: '', key: '', name: empty(), description: empty(), holderKind: 'person', issuers: [], reference: false, resultNames: [],
    validityKind: 'permanent', years: undefined, months: undefined, fields: [newFieldRow()], holderName: '', holderIdentifier: '',
    statuses: STATUSES.map((code) => ({ code, enabled: true, label: { ...STATUS_DEFAULTS[code] } })),
    layout: 'a4-portrait', emblem: true, colour: '#1d4f91', title: empty(), rest: {},
  };
}

/** The form of an existing definition (extra properties such as `revision` or `issued` are dropped). */
export function toForm(def: LicenseTypeDefinition): TypeForm {
  const {
    code, key, name, description, holderKind, issuers, reference, resultNames, validity, schema, holderFields, statusCodes, template,
    ...rest
  } = def;
  delete (rest as Record<string, unknown>).revision;
  delete (rest as Record<string, unknown>).issued;
  const { layout, emblem, colour, title, ...templateRest } = template;
  const fields = Object.entries(schema.properties).map(([k, f]): FieldRow => {
    const { type, title: fieldTitle, format, sensitive, maxLength, enum: values, ...fieldRest } = f;
    return {
      id: nextId++, key: k, type, title: copy(fieldTitle), format: format ?? '', required: schema.required.includes(k), sensitive: sensitive ?? false,
      maxLength, enumText: values ? values.join(', ') : '', rest: fieldRest,
    };
  });
  return {
    code, key, name: copy(name), description: copy(description), holderKind, issuers: [...issuers], reference: reference ?? false, resultNames: [...(resultNames ?? [])],
    validityKind: validity.kind, years: validity.kind === 'period' ? validity.years : undefined, months: validity.kind === 'period' ? validity.months : undefined,
    fields, holderName: holderFields.name, holderIdentifier: holderFields.identifier,
    statuses: STATUSES.map((s) => {
      const own = statusCodes.find((x) => x.code === s);
      return { code: s, enabled: !!own, label: own ? copy(own.label) : { ...STATUS_DEFAULTS[s] } };
    }),
    layout, emblem, colour: colour ?? '', title: copy(title), rest: { ...rest, template: templateRest as LicenseTypeDefinition['template'] },
  };
}

function enumValues(row: FieldRow): Array<string | number> | undefined {
  const parts = row.enumText.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
  if (!parts.length) return undefined;
  return row.type === 'integer' || row.type === 'number' ? parts.map((s) => (Number.isFinite(Number(s)) ? Number(s) : s)) : parts;
}

function toField(row: FieldRow): Field {
  const values = enumValues(row);
  const rest = { ...row.rest };
  // Enum labels belong to the values they were written for: drop them when the values change.
  if (!values || (rest.enumLabels && rest.enumLabels.length !== values.length)) delete rest.enumLabels;
  return {
    type: row.type, title: row.title, ...rest,
    ...(row.format && row.type === 'string' ? { format: row.format } : {}),
    ...(values ? { enum: values } : {}),
    ...(row.maxLength !== undefined && row.maxLength !== null && row.type === 'string' ? { maxLength: row.maxLength } : {}),
    // Absent means "may always be lent" (the consent dialog's reading): only write the marked ones.
    ...(row.sensitive ? { sensitive: true } : {}),
  };
}

/** The definition the form describes, ready to POST or PUT. Does not validate: the server does. */
export function toDefinition(form: TypeForm): LicenseTypeDefinition {
  const properties: LicenseTypeDefinition['schema']['properties'] = {};
  for (const row of form.fields) properties[row.key.trim()] = toField(row);
  const validity: LicenseTypeDefinition['validity'] = form.validityKind === 'period'
    ? { kind: 'period', ...(form.years ? { years: form.years } : {}), ...(form.months ? { months: form.months } : {}) }
    : { kind: form.validityKind };
  const { template: templateRest, ...rest } = form.rest;
  const resultNames = form.resultNames.map((s) => s.trim()).filter(Boolean);
  return {
    ...rest,
    code: form.code.trim(), key: form.key.trim(), name: trimmed(form.name),
    ...(blank(form.description) ? {} : { description: trimmed(form.description) }),
    holderKind: form.holderKind, issuers: [...form.issuers],
    schema: { type: 'object', properties, required: form.fields.filter((r) => r.required).map((r) => r.key.trim()) },
    holderFields: { name: form.holderName, identifier: form.holderIdentifier },
    validity,
    statusCodes: form.statuses.filter((s) => s.enabled || s.code === 'valid').map((s) => ({ code: s.code, label: trimmed(s.label) })),
    template: {
      ...templateRest, layout: form.layout, emblem: form.emblem,
      ...(form.colour ? { colour: form.colour } : {}),
      ...(blank(form.title) ? {} : { title: trimmed(form.title) }),
    },
    ...(resultNames.length ? { resultNames } : {}),
    ...(form.reference ? { reference: true } : {}),
  };
}

/** Moves row `i` by `by` (−1 up, +1 down) in place; a move past either end does nothing. */
export function moveRow<T>(rows: T[], i: number, by: -1 | 1): void {
  const j = i + by;
  if (j < 0 || j >= rows.length) return;
  [rows[i], rows[j]] = [rows[j]!, rows[i]!];
}

/**
 * The messages of the server's field errors at JSON pointer `prefix` or below it
 * (`/name` matches `/name/en-US`), joined with "; "; empty when there are none.
 */
export function errorsAt(errors: ReadonlyArray<{ path: string; message: string }>, prefix: string): string {
  return errors.filter((e) => e.path === prefix || e.path.startsWith(`${prefix}/`)).map((e) => e.message).join('; ');
}
