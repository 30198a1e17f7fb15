import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Docker does not run in CI, so the deployment files are read and checked for what they must
// hold: a multi-stage image running compiled JavaScript as a non-root user with a readiness
// healthcheck, and a compose file with PostgreSQL, two replicas and a load balancer in front.
const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(`${root}/${file}`, 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Dockerfile instructions by stage, continuation lines joined and comments dropped. */
function dockerStages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [from = '', as, name] = rest;
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

describe('Dockerfile', () => {
  const stages = dockerStages(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  const all = (stage: Stage, keyword: string) =>
    stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
  const inherited = (stage: Stage): Instruction[] => {
    const parent = stages.find((s) => s.name === stage.from);
    return [...(parent ? inherited(parent) : []), ...stage.instructions];
  };

  it('builds in one stage and runs from another, on node:24-bookworm-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const names = new Set(stages.map((s) => s.name));
    for (const stage of stages) {
      expect(stage.from === 'node:24-bookworm-slim' || names.has(stage.from), stage.from).toBe(
        true,
      );
    }
    const build = stages.find((s) => s.instructions.some((i) => /npm run build\b/.test(i.args)));
    expect(build, 'a stage runs npm run build').toBeDefined();
    expect(build).not.toBe(runtime);
    expect(all(runtime, 'COPY').some((args) => args.includes(`--from=${build!.name}`))).toBe(true);
  });

  it('installs production dependencies only and copies the compiled server, migrations, fonts and client', () => {
    const runs = all(runtime, 'RUN').join('\n');
    expect(runs).toMatch(/npm ci\b[^\n]*--omit=dev/);
    const copies = all(runtime, 'COPY');
    for (const path of ['server/dist', 'client/dist', 'migrations', 'server/assets']) {
      expect(
        copies.some((args) => args.includes(path)),
        path,
      ).toBe(true);
    }
    expect(
      copies.some((args) => /^\.\s/.test(args)),
      'no sources copied whole',
    ).toBe(false);
  });

  it('runs compiled JavaScript with NODE_ENV=production, not tsx, as a non-root user', () => {
    const cmd = JSON.parse(all(runtime, 'CMD').at(-1)!) as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe('server/dist/server.js');
    expect(JSON.stringify(inherited(runtime))).not.toMatch(/tsx/);
    expect(all(runtime, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
    const user = all(runtime, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('checks health on /readyz', () => {
    const healthcheck = all(runtime, 'HEALTHCHECK').at(-1) ?? '';
    expect(healthcheck).toMatch(/CMD/);
    expect(healthcheck).toContain('/readyz');
  });

  it('copies what the image needs and leaves local build output out', () => {
    for (const stage of stages) {
      for (const args of all(stage, 'COPY')) {
        if (args.startsWith('--from')) continue;
        for (const source of args.split(/\s+/).slice(0, -1)) {
          if (source !== '.') expect(existsSync(`${root}/${source}`), source).toBe(true);
        }
      }
    }
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'server/dist', 'client/dist', 'data']) {
      expect(ignored).toContain(entry);
    }
  });
});

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test?: unknown };
  depends_on?: Record<string, { condition: string }>;
}

describe('docker-compose.yml and deploy/Caddyfile', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };
  const services = Object.entries(compose.services);
  const apps = services.filter(([, s]) => s.build !== undefined);
  const caddyfile = read('deploy/Caddyfile');

  it('runs PostgreSQL with a named volume and a healthcheck', () => {
    const [dbName, db] = services.find(([, s]) => s.image?.startsWith('postgres:')) ?? [];
    expect(db, 'a postgres service').toBeDefined();
    const volume = db!.volumes?.find((v) => v.endsWith(':/var/lib/postgresql/data'));
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes)).toContain(volume!.split(':')[0]);
    expect(JSON.stringify(db!.healthcheck?.test)).toContain('pg_isready');
    for (const [name, app] of apps) {
      expect(app.depends_on?.[dbName!]?.condition, name).toBe('service_healthy');
    }
  });

  it('runs two app replicas of the image on that database, reachable only through the proxy', () => {
    expect(apps.map(([name]) => name)).toHaveLength(2);
    for (const [name, app] of apps) {
      expect(app.environment?.DATABASE_URL, name).toMatch(/^postgres:\/\/[^@]+@db:5432\//);
      expect(app.ports, `${name} publishes no port`).toBeUndefined();
      expect(app.environment?.TRUST_PROXY, name).toBe('1');
    }
  });

  it('puts Caddy in front of both replicas with health checks, passing websockets', () => {
    const [, proxy] = services.find(([, s]) => s.image?.startsWith('caddy:')) ?? [];
    expect(proxy, 'a caddy service').toBeDefined();
    expect(proxy!.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    for (const [name] of apps) {
      expect(proxy!.depends_on?.[name]?.condition).toBe('service_healthy');
    }
    const published = proxy!.ports?.[0]?.split(':').at(-1);
    expect(caddyfile).toMatch(new RegExp(`^:${published} \\{`, 'm'));
    const upstreams = /^\s*reverse_proxy ([^{\n]+)\{/m.exec(caddyfile)?.[1]?.trim().split(/\s+/);
    expect(upstreams?.sort()).toEqual(apps.map(([name]) => `${name}:3000`).sort());
    expect(caddyfile).toMatch(/^\s*health_uri \/readyz$/m);
    expect(caddyfile).toMatch(/^\s*lb_try_duration \d+s$/m);
    // Caddy passes websockets through reverse_proxy as they are; nothing may turn that off
    // (a `header_up -Upgrade` or `-Connection` would).
    expect(caddyfile).not.toMatch(/header_up\s+-(Upgrade|Connection)/i);
  });
});
