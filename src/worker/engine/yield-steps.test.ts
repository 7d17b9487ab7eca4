import { describe, expect, it } from 'vitest';
import { yieldToEventLoop } from './yield-steps';

describe('yieldToEventLoop', () => {
  it('resolves every waiter when two loops hop at once (the chat model and the painter share the worker)', async () => {
    const order: string[] = [];
    const a = yieldToEventLoop().then(() => order.push('a'));
    const b = yieldToEventLoop().then(() => order.push('b'));
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
  });

});
