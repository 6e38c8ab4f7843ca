import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { Absentable, IsJsonObject } from '../common/validation';
import { dtoRules, ruleToSchema } from './dto-rules';

class Line {
  @MaxLength(10)
  @IsString()
  text: string;
}

class Parent {
  @IsOptional()
  @Min(1)
  @IsInt()
  limit?: number;
}

class Sample extends Parent {
  @IsNotEmpty()
  @MaxLength(20)
  @IsString()
  title: string;

  @IsOptional()
  @IsString()
  note?: string | null;

  @Absentable()
  @IsIn(['a', 'b'])
  kind?: 'a' | 'b';

  @IsOptional()
  @IsISO8601({ strict: true })
  due?: string | null;

  @IsOptional()
  @IsJsonObject(100)
  meta?: Record<string, unknown> | null;

  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @MaxLength(50, { each: true })
  @IsString({ each: true })
  @IsArray()
  lines: string[];

  @ValidateNested({ each: true })
  @Type(() => Line)
  @IsArray()
  items: Line[];
}

describe('dtoRules', () => {
  const sut = dtoRules(Sample);

  it('reads types, limits and enums from the validators', () => {
    expect(sut.title).toEqual({ type: 'string', minLength: 1, maxLength: 20, required: true, nullable: false });
    expect(sut.kind).toEqual({ type: 'string', enum: ['a', 'b'], required: false, nullable: false });
    expect(sut.due).toMatchObject({ type: 'string', description: 'an ISO-8601 date or date-time', required: false, nullable: true });
    expect(sut.meta).toMatchObject({ type: 'object', nullable: true });
  });

  it('@IsOptional lets null through; Absentable only lets the field be left out', () => {
    expect([sut.note.required, sut.note.nullable]).toEqual([false, true]);
    expect([sut.kind.required, sut.kind.nullable]).toEqual([false, false]);
  });

  it('includes fields of the classes a DTO extends', () => {
    expect(sut.limit).toEqual({ type: 'integer', minimum: 1, required: false, nullable: true });
  });

  it('describes arrays: {each: true} validators apply to the items, nested DTOs by class', () => {
    expect(sut.lines).toMatchObject({ type: 'array', minItems: 1, maxItems: 5, items: { type: 'string', maxLength: 50 }, required: true });
    expect(sut.items).toMatchObject({ type: 'array', items: { type: 'object', dto: Line } });
    expect(ruleToSchema(sut.items, (dto) => ({ $ref: `#/components/schemas/${dto.name}` }))).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Line' },
    });
  });
});
