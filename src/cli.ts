import { commonOptions, parse } from './args.ts';
import { UserError } from './diagnostic.ts';
import { FORMATS, toGithub, toJson, toText, type Format } from './format.ts';
import { check } from './index.ts';
import { frontmatterJsonSchema } from './json-schema.ts';

const HELP = `handover: runbooks and ownership for AI and automation workflows

Usage: handover <command> [options]

Commands
  check    validate the content folder; print errors and gaps
  build    check, then compile the static site
  dev      serve the site locally and rebuild on change
  new      write a new runbook from the template
  schema   print the JSON Schema of runbook frontmatter

Common options
  --content DIR   content folder (default: contentDir of site.config.ts, or ./content)
  --config FILE   config file (default: ./site.config.ts)
  --now DATE      today, YYYY-MM-DD (default: the current date)

build
  --out DIR                 out dir (default: outDir of site.config.ts, or ./dist)
  --base URL                absolute site URL, used only in reviews.ics and sitemap.xml

check
  --strict                  exit 1 on any gap, not only on errors
  --format text|json|github output format (default: text)

dev
  --port N                  port (default 5173; a taken port is an error when given)
  --host H                  address to listen on (default 127.0.0.1)
  --open                    open the browser
  --base URL                as for build

new <id>                    e.g. handover new billing/refund-replies
  --status S                experiment|pilot|production|paused|retired (default experiment)
  --title TEXT              title (default: from the id)
  --summary TEXT            one-sentence summary

Exit codes: 0 clean, 1 errors (or gaps with --strict), 2 usage or config error.`;


type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async check(args) {
    const { values } = parse(args, { ...commonOptions, strict: { type: 'boolean' }, format: { type: 'string', default: 'text' } });
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
    const started = performance.now();
    const result = await check(values);
    const { errors, gaps } = result;
    if (format === 'json') console.log(toJson(errors, gaps, result.facts));
    const notes = result.facts.history.note ? [result.facts.history.note] : [];
    if (format === 'github') console.log(toGithub(errors, gaps, notes));
    else if (format === 'text') console.log(toText(errors, gaps, { files: result.files, ms: Math.round(performance.now() - started) }, process.stdout.isTTY === true, notes));
    return errors.length > 0 || (values.strict && gaps.length > 0) ? 1 : 0;
  },
  async schema(args) {
    const { values } = parse(args, { config: commonOptions.config });
    console.log(JSON.stringify(await frontmatterJsonSchema(values.config), null, 2));
    return 0;
  },
  async build(args) {
    const { runBuild } = await import('./commands/build.ts');
    return runBuild(args);
  },
  async dev(args) {
    const { runDev } = await import('./commands/dev.ts');
    return runDev(args);
  },
  async new(args) {
    const { runNew } = await import('./commands/new.ts');
    return runNew(args);
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help' || rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP);
    return name && !['--help', '-h', 'help'].includes(name) && !commands[name] ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const pkg = await import('../package.json', { with: { type: 'json' } });
    console.log(pkg.default.version);
    return 0;
  }
  const command = commands[name];
  if (!command) throw new UserError(`unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}. Run "handover --help".`);
  return command(rest);
}

/** The one place errors are caught: a user error prints its message; anything else is a bug and prints its stack. */
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (cause: unknown) => {
    if (cause instanceof UserError) {
      console.error(`handover: ${cause.message}`);
      if (cause.diagnostics.length) console.error(toText(cause.diagnostics, [], { files: 1, ms: 0 }, process.stderr.isTTY === true).split('\n\n').slice(0, -1).join('\n\n'));
      process.exitCode = cause.exitCode;
      return;
    }
    console.error('handover: internal error (a bug; please report it with this trace)');
    console.error(cause);
    process.exitCode = 70;
  },
);
