import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { assetsDir, stateFile } from './paths.js';
import { runCommand } from './processes.js';

const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/**
 * The runtime classpath of a committed Maven descriptor (`maven/<name>.pom.xml`), resolved with
 * the machine's own `mvn` so the jars come from Maven Central through whatever mirror it is set
 * up with, and cached in ~/.m2. The resolved list is remembered next to a copy of the pom, so a
 * warm start costs no Maven run at all.
 */
export async function resolveClasspath(
  name: string,
): Promise<{ classpath: string; fetched: boolean }> {
  const pom = join(assetsDir, `${name}.pom.xml`);
  const workPom = stateFile('maven', name, 'pom.xml');
  const cpFile = stateFile('maven', name, 'classpath.txt');
  const cached = readCachedClasspath(pom, workPom, cpFile);
  if (cached) return { classpath: cached, fetched: false };

  rmSync(cpFile, { force: true });
  copyFileSync(pom, workPom);
  const result = await runCommand('mvn', [
    '-q',
    '-B',
    '-f',
    workPom,
    `${DEPENDENCY_PLUGIN}:build-classpath`,
    `-Dmdep.outputFile=${cpFile}`,
    '-Dmdep.includeScope=runtime',
  ]).catch((error: Error) => {
    throw new Error(
      `cannot run Maven to fetch ${name} (${error.message}); the native runner needs a JDK and mvn on PATH`,
    );
  });
  if (result.status !== 0) {
    throw new Error(`mvn failed to resolve ${name}:\n${result.stdout}\n${result.stderr}`);
  }
  const classpath = readFileSync(cpFile, 'utf8').trim();
  return { classpath, fetched: true };
}

function readCachedClasspath(pom: string, workPom: string, cpFile: string): string | undefined {
  if (!existsSync(cpFile) || !existsSync(workPom)) return undefined;
  // The committed pom changed (a version bump): resolve again.
  if (readFileSync(pom, 'utf8') !== readFileSync(workPom, 'utf8')) return undefined;
  const classpath = readFileSync(cpFile, 'utf8').trim();
  // ~/.m2 was cleaned: resolve again rather than start a JVM that cannot load its classes.
  const jars = classpath.split(delimiter).filter(Boolean);
  if (jars.length === 0 || !jars.every((jar) => existsSync(jar))) return undefined;
  return classpath;
}
