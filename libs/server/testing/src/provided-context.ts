// What the PostgreSQL globalSetup hands to tests through vitest's inject().
declare module 'vitest' {
  export interface ProvidedContext {
    postgresServerUrl: string;
  }
}

export {};
