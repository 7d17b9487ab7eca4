import { describe, expect, it } from 'vitest';
import { BASE_CONNECT_SOURCES, connectPolicy } from './connect-policy';

describe('connectPolicy', () => {
  it('allows the model hosts and exactly the origins the person added', () => {
    expect(connectPolicy([])).toBe(`connect-src ${BASE_CONNECT_SOURCES.join(' ')}`);
    expect(connectPolicy(['http://192.168.1.20:11434', 'https://llm.example.org', 'http://192.168.1.20:11434'])).toBe(
      `connect-src ${BASE_CONNECT_SOURCES.join(' ')} http://192.168.1.20:11434 https://llm.example.org`,
    );
  });

  it('lets nothing but a bare origin in: no wildcard, no extra directive, no scheme source', () => {
    for (const bad of ['*', 'http:', 'https://a.example; script-src *', "'unsafe-inline'", 'http://a.example/path', 'http://*.example', 'data:']) {
      expect(connectPolicy([bad])).toBe(`connect-src ${BASE_CONNECT_SOURCES.join(' ')}`);
    }
  });
});
