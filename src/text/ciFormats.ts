import type { Diagnostic } from '../domain/plan/diagnostics';

/** A file's diagnostics, as lint found them. */
export interface LintedFile {
  file: string;
  diagnostics: readonly Diagnostic[];
}

/** GitHub's workflow commands escape %, CR and LF in a message, and also : and , in a property. */
const escapeMessage = (text: string): string => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (text: string): string => escapeMessage(text).replaceAll(':', '%3A').replaceAll(',', '%2C');

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * Each diagnostic as a GitHub Actions workflow command, which the pull request shows on the
 * plan's line: `::error file=plans/checkout.release.yaml,line=12,col=9,endLine=12,endColumn=14,title=plan.maxWeight::...`.
 *
 * @example
 * githubAnnotations([{ file: 'a.release.yaml', diagnostics: [diagnostic] }]);
 * // ["::error file=a.release.yaml,line=4,col=9,endLine=4,endColumn=12,title=schema.type::strategy.canary.steps[0].setWeight: expected a number"]
 */
export function githubAnnotations(files: readonly LintedFile[]): string[] {
  return files.flatMap(({ file, diagnostics }) =>
    diagnostics.map((diagnostic) => {
      const { start, end } = diagnostic.range;
      const properties = [`file=${escapeProperty(file)}`, `line=${start.line}`, `col=${start.column}`, `endLine=${end.line}`, `endColumn=${end.column}`, `title=${escapeProperty(`switchyard ${diagnostic.code}`)}`];
      const fix = diagnostic.fix ? `\nfix: ${diagnostic.fix.message}` : '';
      return `::${COMMAND[diagnostic.severity]} ${properties.join(',')}::${escapeMessage(diagnostic.message + fix)}`;
    }),
  );
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * The diagnostics as one SARIF 2.1.0 log (what GitHub code scanning and most review tools read):
 * one run of the tool `switchyard`, a rule per diagnostic code, a result per diagnostic at its
 * region in the plan file, named as the command line named it.
 */
export function sarifLog(files: readonly LintedFile[], version: string): object {
  const codes = [...new Set(files.flatMap(({ diagnostics }) => diagnostics.map((diagnostic) => diagnostic.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'switchyard', version, informationUri: 'https://github.com/switchyard-dev/switchyard', rules: codes.map((code) => ({ id: code, name: code, shortDescription: { text: code } })) } },
        results: files.flatMap(({ file, diagnostics }) =>
          diagnostics.map((diagnostic) => ({
            ruleId: diagnostic.code,
            ruleIndex: codes.indexOf(diagnostic.code),
            level: SARIF_LEVEL[diagnostic.severity],
            message: { text: diagnostic.fix ? `${diagnostic.message} (fix: ${diagnostic.fix.message})` : diagnostic.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.split('\\').join('/') },
                  region: { startLine: diagnostic.range.start.line, startColumn: diagnostic.range.start.column, endLine: diagnostic.range.end.line, endColumn: diagnostic.range.end.column },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
