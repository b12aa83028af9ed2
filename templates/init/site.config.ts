import { defineConfig } from 'handover';

// Every field is optional and typed; see "Configuration" in Handover's README.
export default defineConfig({
  title: {{titleJson}},
  contentDir: 'content',
  outDir: 'dist',
  // base: 'https://runbooks.example.com/',   // the site's absolute URL, for reviews.ics and sitemap.xml
  // editUrl: 'https://github.com/acme/runbooks/edit/main/{path}',   // "Edit this page" on every runbook
  // accent: '#0b7a5c',
  // logo: 'theme/logo.svg',
  // nav: [{ text: 'Status page', href: 'https://status.example.com/' }],
  // footer: 'Questions? #ops-runbooks',
});
