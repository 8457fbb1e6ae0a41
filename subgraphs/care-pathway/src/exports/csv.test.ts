import { csvChunks } from './csv.js';

async function csvOf(rows: Record<string, unknown>[]): Promise<string> {
  const columns = [
    { key: 'text', header: 'text' },
    { key: 'number', header: 'number' },
    { key: 'flag', header: 'flag' },
  ];
  async function* one() {
    yield rows;
  }
  let text = '';
  for await (const chunk of csvChunks(columns, one(), (row) => row)) text += chunk;
  return text;
}

describe('CSV files', () => {
  test.each(['=1+2', '+44 113', '-2', '@SUM(A1)', '\tcmd'])(
    'a text cell %j that a spreadsheet would run is written as text',
    async (cell) => {
      expect((await csvOf([{ text: cell, number: 1, flag: true }])).split('\n')[1]).toBe(`'${cell},1,true`);
    },
  );

  test('ordinary text, negative numbers, nulls and quotes are written as RFC 4180 has them', async () => {
    expect(
      await csvOf([
        { text: 'a = b, "c"', number: -5, flag: false },
        { text: null, number: null, flag: null },
      ]),
    ).toBe('text,number,flag\n"a = b, ""c""",-5,false\n,,\n');
  });
});
