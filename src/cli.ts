import { UserError } from './diagnostic.ts';

const HELP = `handover: runbooks and ownership for AI and automation workflows

Usage: handover <command> [options]        handover --version

Commands
  init     start a new runbook site in a folder
  check    validate the content folder; print errors and gaps
  build    check, then compile the static site
  dev      serve the site locally and rebuild on change
  new      write a new runbook (or --guide) from the template
  import   bring existing Markdown runbooks and docs into the content folder
  schema   print the JSON Schema of runbook frontmatter (--guide: of guides)

Common options
  --content DIR   content folder (default: contentDir of site.config.ts, or ./content)
  --config FILE   config file (default: ./site.config.ts)
  --now DATE      today, YYYY-MM-DD (default: the current date)

build
  --out DIR                 out dir (default: outDir of site.config.ts, or ./dist)
  --base URL                absolute site URL, used only in reviews.ics and sitemap.xml

check
  --strict                  exit 1 on any gap, not only on errors
  --format F                text|json|github|markdown|codeclimate (default: text)

dev
  --port N                  port (default 5173; a taken port is an error when given)
  --host H                  address to listen on (default 127.0.0.1)
  --open                    open the browser
  --base URL                as for build

new <id>                    e.g. handover new billing/refund-replies
  --status S                experiment|pilot|production|paused|retired (default experiment)
  --title TEXT              title (default: from the id)
  --summary TEXT            one-sentence summary
  --guide                   write guides/<id>.md, a page that is not a workflow

import <folder>             e.g. handover import ../ops-docs --style techdocs
  --style S                 auto|alerts|techdocs|backstage|plain (default auto)
  --into DIR                folder under runbooks/ and guides/ for the pages
  --status S                status of every imported runbook
  --owner ID                owner of pages that name none (id, #channel or @user)
  --map FILE                YAML list of { match: <glob>, team, owners } by path
  --codeowners FILE         owners from a CODEOWNERS file
  --site-url URL            links to other parts of the old site become absolute
  --guides GLOB             pages that become guides, not runbooks
  --dry-run                 print the mapping table; write nothing

init [dir]                  writes a site into dir (default: .), which must be empty
  --ci github|gitlab        CI file to write (default github)
  --title TEXT              site title

Exit codes: 0 clean, 1 errors (or gaps with --strict), 2 usage or config error.`;


type Command = (args: string[]) => Promise<number>;

/** Each command's module is imported only when it runs, so `--version` and `--help` load nothing else. */
const commands: Record<string, Command> = {
  check: async (args) => (await import('./commands/check.ts')).runCheck(args),
  build: async (args) => (await import('./commands/build.ts')).runBuild(args),
  dev: async (args) => (await import('./commands/dev.ts')).runDev(args),
  new: async (args) => (await import('./commands/new.ts')).runNew(args),
  init: async (args) => (await import('./commands/init.ts')).runInit(args),
  schema: async (args) => (await import('./commands/schema.ts')).runSchema(args),
  import: async (args) => (await import('./commands/import.ts')).runImport(args),
};


async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help' || rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP);
    return name && !['--help', '-h', 'help'].includes(name) && !commands[name] ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    console.log((await import('./core/version.ts')).VERSION);
    return 0;
  }
  const command = commands[name];
  if (!command) throw new UserError(`unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}. Run "handover --help".`);
  return command(rest);
}

// `handover check | head` closes the pipe early: stop quietly instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (cause: NodeJS.ErrnoException) => {
    if (cause.code !== 'EPIPE') throw cause;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });

/** The one place errors are caught: a user error prints its message; anything else is a bug and prints its stack. */
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (cause: unknown) => {
    if (cause instanceof UserError) {
      console.error(`handover: ${cause.message}`);
      const { toText } = await import('./format.ts');
      if (cause.diagnostics.length) console.error(toText(cause.diagnostics, [], { files: 1, ms: 0 }, process.stderr.isTTY === true).split('\n\n').slice(0, -1).join('\n\n'));
      process.exitCode = cause.exitCode;
      return;
    }
    console.error('handover: internal error (a bug; please report it with this trace)');
    console.error(cause);
    process.exitCode = 70;
  },
);
