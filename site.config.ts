import { defineConfig } from 'handover';

export default defineConfig({
  title: 'Northwind Ledger runbooks',
  description: 'How our AI and automation workflows run, who owns them, and what to do when they stop.',
  contentDir: 'content',
  outDir: 'dist',
  base: 'https://runbooks.northwind.example/',
  review: { every: '90d', dueSoonDays: 14 },
  maxPrimaryRoles: 8,
});
