import { describe, expect, it } from '@jest/globals';
import { parseTokenArgs, UsageError } from './token-args.js';

describe('parseTokenArgs', () => {
  it('reads a full command line', () => {
    expect(
      parseTokenArgs(['--user', 'u-1', '--role', 'rp-1', '--card', '0123', '--ttl', '45m', '--expired', '--issued-ago', '13h', '--json']),
    ).toEqual({
      help: false,
      json: true,
      request: { userId: 'u-1', roleProfileId: 'rp-1', cardSerial: '0123', ttlSeconds: 2700, issuedAgoSeconds: 46_800, expired: true },
    });
  });

  it('leaves the optional settings to their defaults', () => {
    expect(parseTokenArgs(['--user=u-1', '--role=rp-1'])).toEqual({
      help: false,
      json: false,
      request: { userId: 'u-1', roleProfileId: 'rp-1', expired: false },
    });
  });

  it('asks for help without needing anything else', () => {
    expect(parseTokenArgs(['--help'])).toEqual({ help: true });
  });

  it.each([
    [['--role', 'rp-1'], '--user is required.'],
    [['--user', 'u-1'], '--role is required.'],
    [['--user', 'u-1', '--role', 'rp-1', '--ttl', 'forever'], /^--ttl: "forever" is not a duration/],
    [['--user', 'u-1', '--role', 'rp-1', '--issued-ago', 'yesterday'], /^--issued-ago: "yesterday" is not a duration/],
    [['--user', 'u-1', '--role', 'rp-1', '--admin'], /admin/],
    [['--user', 'u-1', '--role', 'rp-1', 'extra'], /extra/],
  ])('explains what is wrong with %p', (args, message) => {
    expect(() => parseTokenArgs(args)).toThrow(UsageError);
    expect(() => parseTokenArgs(args)).toThrow(message);
  });
});
