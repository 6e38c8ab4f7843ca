import { ACTIVITY_TYPES, LIMITS } from '@mission-control/shared';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { ActivityBodyPipe, CreateActivityDto } from './create-activity.dto';

/** What the decorators alone say of one item. */
const decoratorsAccept = (item: object): boolean =>
  validateSync(plainToInstance(CreateActivityDto, item), { whitelist: true, forbidNonWhitelisted: true }).length === 0;

describe('ActivityBodyPipe', () => {
  const sut = new ActivityBodyPipe();
  const accepts = (item: object): boolean => {
    try {
      sut.transform(item);
      return true;
    } catch {
      return false;
    }
  };

  const valid = { activity_type: 'updated', message: 'm' };
  const cases: object[] = [
    valid,
    ...ACTIVITY_TYPES.map((activity_type) => ({ ...valid, activity_type })),
    { ...valid, activity_type: 'exploded' },
    { ...valid, activity_type: undefined },
    { message: 'no type' },
    { ...valid, message: '' },
    { ...valid, message: 7 },
    { ...valid, message: null },
    { activity_type: 'updated' },
    { ...valid, message: 'x'.repeat(LIMITS.message) },
    { ...valid, message: 'x'.repeat(LIMITS.message + 1) },
    // MaxLength counts characters, not UTF-16 units: these fit although `length` is twice the limit.
    { ...valid, message: '😀'.repeat(LIMITS.message) },
    { ...valid, message: '😀'.repeat(LIMITS.message + 1) },
    { ...valid, agent_id: null },
    { ...valid, agent_id: undefined },
    { ...valid, agent_id: 'a1' },
    { ...valid, agent_id: '' },
    { ...valid, agent_id: 3 },
    { ...valid, agent_id: 'a'.repeat(LIMITS.id) },
    { ...valid, agent_id: 'a'.repeat(LIMITS.id + 1) },
    { ...valid, metadata: null },
    { ...valid, metadata: {} },
    { ...valid, metadata: { session_id: 's', nested: { deep: [1, 2] } } },
    { ...valid, metadata: [] },
    { ...valid, metadata: 'text' },
    { ...valid, metadata: 5 },
    { ...valid, metadata: { big: 'x'.repeat(LIMITS.metadataBytes) } },
    { ...valid, metadata: { big: 'é'.repeat(LIMITS.metadataBytes / 2) } },
    { ...valid, colour: 'red' },
    { ...valid, colour: undefined },
    JSON.parse('{"activity_type":"updated","message":"m","__proto__":{"x":1}}') as object,
    {},
  ];

  it.each(cases.map((item, i) => [i, item]))('accepts case %i exactly when the decorators do', (_i, item) => {
    expect(accepts(item as object)).toBe(decoratorsAccept(item as object));
  });

  it('passes a plainly valid item through as it is, and copies nothing', () => {
    const item = { activity_type: 'completed', message: 'done', agent_id: 'a1', metadata: { n: 1 } };
    expect(sut.transform(item)).toBe(item);
    const batch = [item, { ...valid }];
    expect(sut.transform(batch)).toEqual(batch);
  });

  it('words what the decorators refuse as class-validator does, naming the item', () => {
    expect(() => sut.transform([valid, { ...valid, message: '' }])).toThrow('[1].message should not be empty');
    expect(() => sut.transform({ ...valid, colour: 'red' })).toThrow('property colour should not exist');
  });

  // The pipe's plain checks were written for exactly these decorators: a rule added, changed or removed
  // in CreateActivityDto must be made there too (then update this list).
  it('knows every decorator of CreateActivityDto', () => {
    const rules = getMetadataStorage()
      .getTargetValidationMetadatas(CreateActivityDto, '', true, false)
      // (the constraint of @IsOptional is its condition, a function)
      .map((rule) => `${rule.propertyName} ${rule.name ?? rule.type} ${JSON.stringify((rule.constraints ?? []).filter((c) => typeof c !== 'function'))}`)
      .sort();
    expect(rules).toEqual(
      [
        `activity_type isIn ${JSON.stringify([ACTIVITY_TYPES])}`,
        'message isNotEmpty []',
        `message maxLength [${LIMITS.message}]`,
        'message isString []',
        'agent_id isOptional []',
        'agent_id isNotEmpty []',
        `agent_id maxLength [${LIMITS.id}]`,
        'agent_id isString []',
        'metadata isOptional []',
        `metadata isJsonObject [${LIMITS.metadataBytes}]`,
      ].sort(),
    );
  });
});
