import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BASE,
  CWD,
  FILES,
  GENERATE_HINT,
  PROD_SECRETS,
  problemsOf,
} from '../../../test/support/config-env';
import { loadConfig } from './load-config';

describe('loadConfig: secrets', () => {
  it('refuses to start in production, or with NODE_ENV unset, without secrets', () => {
    const missing = [
      'JWT_SECRET_KEY: required unless NODE_ENV=development or test (a random string of 32+ characters)',
      'API_KEY_SALT: required unless NODE_ENV=development or test (a random string of 32+ characters)',
    ];
    assert.deepEqual(problemsOf({ NODE_ENV: 'production' }), missing);
    assert.deepEqual(problemsOf({}, FILES), missing);
    const unset = loadConfig({ ...FILES, ...PROD_SECRETS, NODE_ENV: '' }, { cwd: CWD });
    assert.equal(unset.environment, 'production');
  });

  it('refuses default, example and short secrets in production (ENVIRONMENT works too)', () => {
    assert.deepEqual(
      problemsOf(
        { ENVIRONMENT: 'production', JWT_SECRET_KEY: 'change-me', API_KEY_SALT: 'short' },
        FILES,
      ),
      [
        `JWT_SECRET_KEY: a default or example value cannot be used unless NODE_ENV=development or test ${GENERATE_HINT}`,
        `API_KEY_SALT: expected at least 32 characters unless NODE_ENV=development or test, got 5 ${GENERATE_HINT}`,
      ],
    );
    const config = loadConfig({ ...BASE, ...PROD_SECRETS }, { cwd: CWD });
    assert.equal(config.environment, 'production');
    assert.equal(config.security.jwtSecret, PROD_SECRETS.JWT_SECRET_KEY);
  });

  it("holds ADMIN_API_KEY to the secrets' rules in production, and leaves it optional", () => {
    const prod = { ...FILES, ...PROD_SECRETS };
    assert.deepEqual(problemsOf({ ADMIN_API_KEY: 'admin' }, prod), [
      `ADMIN_API_KEY: a default or example value cannot be used unless NODE_ENV=development or test ${GENERATE_HINT}`,
    ]);
    assert.deepEqual(problemsOf({ ADMIN_API_KEY: 'Change-Me' }, prod), [
      `ADMIN_API_KEY: a default or example value cannot be used unless NODE_ENV=development or test ${GENERATE_HINT}`,
    ]);
    assert.deepEqual(problemsOf({ ADMIN_API_KEY: 'a'.repeat(31) }, prod), [
      `ADMIN_API_KEY: expected at least 32 characters unless NODE_ENV=development or test, got 31 ${GENERATE_HINT}`,
    ]);
    assert.deepEqual(problemsOf({ ADMIN_API_KEY: 'ab'.repeat(20) }, prod), [
      `ADMIN_API_KEY: too predictable (its characters carry about 40 bits, expected 100+) unless NODE_ENV=development or test ${GENERATE_HINT}`,
    ]);
    const strong = 'xP3q9Tz7Lm2Vb8Nc4Rd6Fg1Hj5Kw0YsAe';
    const config = loadConfig({ ...prod, ADMIN_API_KEY: strong }, { cwd: CWD });
    assert.equal(config.security.adminApiKey, strong);
    assert.equal(loadConfig(prod, { cwd: CWD }).security.adminApiKey, undefined);
    const development = loadConfig({ ...BASE, ADMIN_API_KEY: 'admin' }, { cwd: CWD });
    assert.equal(development.security.adminApiKey, 'admin');
  });

  it('uses development secrets only when NODE_ENV (or ENVIRONMENT) is development or test', () => {
    for (const env of [
      { NODE_ENV: 'development' },
      { NODE_ENV: 'test' },
      { ENVIRONMENT: 'test' },
    ]) {
      const config = loadConfig({ ...FILES, ...env }, { cwd: CWD });
      assert.ok(config.security.jwtSecret.length >= 32);
      assert.notEqual(config.security.jwtSecret, config.security.apiKeySalt);
    }
  });
});
