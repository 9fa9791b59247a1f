package lab.kb905214.reports.html;

/** The report's inline style sheet (the page fetches nothing, so the CSS lives in the page). */
final class ReportStyle {
    static final String CSS = """
            :root { --red: #c62828; --green: #2e7d32; --ink: #1d2330; --muted: #5b6472; --line: #d6dae1; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #eef0f3; color: var(--ink);
                   font: 15px/1.5 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
            main { max-width: 1220px; margin: 0 auto; padding: 24px 36px 40px; background: #fff; }
            h1 { font-size: 28px; margin: 0 0 2px; }
            h2 { font-size: 21px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #e3e6ea; }
            h3 { font-size: 17px; margin: 22px 0 6px; }
            h4 { font-size: 15px; margin: 14px 0 4px; }
            small { color: var(--muted); font-weight: normal; }
            code { font: 13px "DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace; background: #f1f3f6;
                   padding: 1px 4px; border-radius: 3px; }
            .nowrap { white-space: nowrap; }
            .sub { color: var(--muted); margin: 0; font-size: 13px; }
            .note { color: var(--muted); font-style: italic; }
            .verdict { border: 2px solid; border-radius: 8px; padding: 10px 20px 14px; margin: 18px 0 8px; }
            .verdict h2 { border: 0; margin: 4px 0 6px; font-size: 24px; }
            .verdict.pass { background: #e8f5e9; border-color: var(--green); }
            .verdict.pass h2 { color: var(--green); }
            .verdict.fail { background: #fdecea; border-color: var(--red); }
            .verdict.fail h2 { color: var(--red); }
            .verdict h3 { margin: 10px 0 4px; font-size: 15px; }
            .claims { list-style: none; padding: 0; margin: 4px 0; }
            .claims li { margin: 2px 0; }
            .claims .yes .mark { color: var(--green); font-weight: bold; }
            .claims .no .mark { color: var(--red); font-weight: bold; }
            .required { margin: 6px 0; font-size: 14px; }
            #reasons { margin: 4px 0 0; padding-left: 26px; font-size: 14px; }
            #reasons li { margin: 3px 0; }
            .hypotheses dt { font-weight: bold; margin-top: 8px; }
            .hypotheses dd { margin: 2px 0 6px 22px; }
            .legend { font-size: 13px; color: var(--muted); }
            table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 6px 0 18px; }
            th, td { border: 1px solid var(--line); padding: 5px 7px; text-align: left; vertical-align: top; }
            th { background: #eef1f5; font-weight: 600; white-space: nowrap; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: break-word; }
            td .unit { color: var(--muted); font-size: 12px; }
            tr.engine-buggy td:first-child { border-left: 4px solid var(--red); }
            tr.engine-fixed td:first-child { border-left: 4px solid var(--green); }
            tr.missing td, tr.unreadable td { background: #fafafa; color: var(--muted); font-style: italic; }
            td.hang { background: #fdecea; color: #8e0000; font-weight: bold; }
            td.good { background: #e8f5e9; color: #1b5e20; font-weight: bold; }
            td.bad { background: #b71c1c; color: #fff; font-weight: bold; }
            td.miss { background: #fff8e1; color: #8d6e00; font-weight: bold; }
            td.counters { font-size: 12px; line-height: 1.35; }
            .kv { display: inline-block; margin: 0 10px 1px 0; overflow-wrap: break-word; max-width: 100%; }
            table.results { table-layout: fixed; }
            table.results th { white-space: normal; }
            .kv .k { color: var(--muted); }
            td.gate { font-size: 12.5px; overflow-wrap: break-word; }
            td.status-pass b { color: var(--green); }
            td.status-fail b, td.status-missing b { color: var(--red); text-transform: uppercase; }
            td.gate .reason { color: #8e0000; margin-top: 3px; font-style: normal; }
            td.gate .note { margin-top: 3px; }
            .exhaustive { color: var(--green); }
            pre { background: #111820; color: #e6edf3; padding: 10px 14px; border-radius: 6px; overflow: auto;
                  max-height: 460px; font: 12.5px/1.45 "DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace;
                  white-space: pre-wrap; overflow-wrap: anywhere; }
            pre.command { max-height: none; background: #f1f3f6; color: var(--ink); }
            .evidence-block { margin-bottom: 18px; }
            table.trails code { overflow-wrap: anywhere; }
            .caption { margin: 2px 0 6px; font-size: 14px; }
            .chart-box { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
            svg.chart { display: block; max-width: 100%; height: auto; }
            svg text { font: 12px "DejaVu Sans", system-ui, Arial, sans-serif; fill: #333; }
            svg .panel-title, svg .axis-label { font-weight: bold; fill: #444; }
            svg .grid { stroke: #e6e8ec; stroke-width: 1; }
            svg .frame { fill: none; stroke: #9aa3ad; }
            svg .bar { fill: var(--red); }
            svg .bar.fixed-hang { fill: #6a1b9a; }
            svg .bar-value.inside { fill: #fff; font-weight: bold; }
            svg polyline { fill: none; stroke-width: 2; stroke-linejoin: round; }
            svg line.series-buggy, svg line.series-fixed, svg line.series-other { stroke-width: 3; }
            svg .series-buggy { stroke: var(--red); }
            svg .series-fixed { stroke: var(--green); }
            svg .series-other { stroke: #1565c0; }
            svg text.series-buggy { fill: var(--red); stroke: none; font-weight: bold; }
            svg text.series-fixed { fill: var(--green); stroke: none; font-weight: bold; }
            svg .series-2, svg .series-3 { stroke-dasharray: 6 3; }
            svg .stopped { stroke: #7f0000; stroke-width: 2; stroke-dasharray: 7 4; }
            svg .stopped-label { fill: #7f0000; font-weight: bold; paint-order: stroke; stroke: #fff; stroke-width: 4px; }
            footer { margin-top: 30px; }
            #provenance-table { font-size: 12.5px; }
            #provenance-table td:first-child code, td.nowrap { white-space: nowrap; }
            """;

    private ReportStyle() {}
}
