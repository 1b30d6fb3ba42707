import { planJsonSchema } from '../../domain/plan/jsonSchema';
import { rejectUnknownOptions, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';

/** `switchyard schema`: the JSON Schema of plan files, for editors and CI. */
export function runSchema(args: ParsedArgs, io: CliIO): number {
  rejectUnknownOptions(args, []);
  io.out(JSON.stringify(planJsonSchema(), null, 2));
  return EXIT.promoted;
}
