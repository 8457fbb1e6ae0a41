import { bandChartSvg, headline } from './band-chart-svg.js';
import { summariseIncomplete } from '../domain/rtt/rtt-report.js';
import { reportingBand } from '../domain/rtt/waiting-time.js';

const open = (days: number, pathways: number) => ({
  specialty: 'Cardiology',
  band: reportingBand(days).index,
  pathways,
  withDecisionToAdmit: 0,
});
const chart = (rows: ReturnType<typeof open>[], specialty: string | null = null) => ({
  ...summariseIncomplete(rows),
  organisation: 'RX1',
  censusDate: '2026-11-24',
  specialty,
});

describe('the weekly-band chart', () => {
  const data = chart([open(3, 90), open(130, 10)]);
  const svg = bandChartSvg(data);

  test('is an accessible image named by its title and described with its figures', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('role="img" aria-labelledby="chart-title chart-desc"');
    expect(svg).toContain('<title id="chart-title">Open RTT pathways by weeks waited, RX1, census date 2026-11-24</title>');
    expect(svg).toContain('<desc id="chart-desc">90% within 18 weeks (90 of 100 open pathways): does not meet the 92% standard.');
  });

  test('has one bar per weekly band, coloured by the 18-week line, and the line itself', () => {
    expect(svg.match(/<rect [^>]*data-band=/g)).toHaveLength(105);
    expect(svg).toMatch(/data-band="0-1" data-pathways="90"/);
    expect(svg).toMatch(/fill="#ED8B00" data-band="&gt;18-19" data-pathways="10"/);
    expect(svg).toContain('>18 weeks</text>');
    expect(svg).toContain('>92% standard</text>');
  });

  test('text from a referral cannot break out of the document', () => {
    const hostile = bandChartSvg(chart([open(3, 1)], '</title><script>alert(1)</script>'));
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('&lt;/title&gt;&lt;script&gt;');
  });

  test('says so when there are no open pathways', () => {
    expect(headline(chart([]))).toBe('No open pathways on 2026-11-24.');
    expect(bandChartSvg(chart([]))).toContain('data-percent-within-18-weeks=""');
  });
});
