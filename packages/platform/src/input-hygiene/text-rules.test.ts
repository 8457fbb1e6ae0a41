import { defaultTextRule, textProblem } from './text-rules.js';

const oneLine = defaultTextRule;
const runningText = { maxLength: 50, multiline: true };

describe('free text', () => {
  test.each([
    ['a plain name', 'Siobhán O’Neill-Ørsted'],
    ['Arabic script with a right-to-left mark', 'علي\u200f حداد'],
    ['an emoji (a surrogate pair)', 'Ada 😀'],
    ['an apostrophe and a hyphen', "D'Arcy-Smith"],
  ])('%s is one line of text', (_what, text) => {
    expect(textProblem(text, oneLine)).toBeUndefined();
  });

  test.each([
    ['a NUL byte', 'a\u0000b', /control character/],
    ['a bell', 'a\u0007b', /control character/],
    ['a DEL', 'a\u007fb', /control character/],
    ['a C1 control', 'a\u0085b', /control character/],
    ['a line feed', 'a\nb', /one line/],
    ['a tab', 'a\tb', /one line/],
    ['a line separator', 'a\u2028b', /one line/],
    ['a lone high surrogate', 'a\ud800b', /unpaired/],
    ['a lone low surrogate', '\udc00', /unpaired/],
    ['a high surrogate at the end', 'ab\ud83d', /unpaired/],
    ['a right-to-left override', 'abc\u202e', /direction/],
    ['a left-to-right embedding', '\u202aabc', /direction/],
    ['a first-strong isolate', 'a\u2068b', /direction/],
  ])('%s is refused in one line of text', (_what, text, problem) => {
    expect(textProblem(text, oneLine)).toMatch(problem);
  });

  test('running text keeps line feeds and tabs, and nothing else of the control characters', () => {
    expect(textProblem('Plan:\n\t1. Rest\n\t2. Review', runningText)).toBeUndefined();
    expect(textProblem('a\r\nb', runningText)).toMatch(/only line feeds and tabs/);
    expect(textProblem('a\u0000b', runningText)).toMatch(/control character/);
    expect(textProblem('a\u2029b', runningText)).toMatch(/control character/);
  });

  test('length is counted in characters as people count them (an emoji is one), up to the limit', () => {
    expect(textProblem('😀'.repeat(50), runningText)).toBeUndefined();
    expect(textProblem('😀'.repeat(51), runningText)).toBe('is 51 characters long; at most 50 are allowed');
    expect(textProblem('x'.repeat(200), oneLine)).toBeUndefined();
    expect(textProblem('x'.repeat(201), oneLine)).toMatch(/201 characters long; at most 200/);
  });

  test('spaces around the text are not counted: the services trim what they keep', () => {
    expect(textProblem(`  ${'x'.repeat(200)}  `, oneLine)).toBeUndefined();
  });
});
