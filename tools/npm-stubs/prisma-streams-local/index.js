// Only `prisma dev` (Prisma's local development server) imports this package; GlucoDiary runs
// its own SQLite file or PostgreSQL server instead. The real package needs Node 22.
throw new Error('@prisma/streams-local is not installed in GlucoDiary: `prisma dev` is not supported here (see README, "Node.js version").');
