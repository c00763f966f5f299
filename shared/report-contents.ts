// What an HTML report says about a time range besides its rows: the summary and the alerts. Plain
// data, so the report can be made by a client of the system collector from reports.summary as
// well as from a database snapshot of its own.
import type { AlertRecord } from './model';

export interface CountedName {
  name: string;
  count: number;
}

export interface NewProgram {
  id: number;
  name: string;
  exe: string;
  firstSeen: number;
}

export interface FirstReachLine {
  program: string;
  exe: string;
  /** "DE" or "AS3320 Deutsche Telekom AG" */
  reached: string;
  firstSeen: number;
}

export interface ReportGeo {
  topCountries: CountedName[];
  topAses: CountedName[];
  firstReaches: FirstReachLine[];
}

export interface TrafficRow {
  name: string;
  sent: number;
  received: number;
}

export interface ReportTraffic {
  /** null when no connection in the range has counts (UDP only, a database from before 0004). */
  sent: number | null;
  received: number | null;
  byProgram: TrafficRow[];
  topTalkers: TrafficRow[];
}

export interface ReportSummary {
  from: number;
  to: number;
  connections: number;
  programs: number;
  newPrograms: NewProgram[];
  topRemotes: CountedName[];
  topPorts: CountedName[];
  topPrograms: CountedName[];
  /** Connections with neither a pid nor a program, out of `connections`. */
  unattributed: number;
  /** Connections started per bucket of `bucketMs`, from `from`. */
  timeline: { t: number; count: number }[];
  bucketMs: number;
  /** Top countries and networks; programs' first connections to a country or AS in the range. */
  geo: ReportGeo;
  /** Bytes in all, by program and by remote host. */
  traffic: ReportTraffic;
}

export interface ReportAlerts {
  /** False when this database has no alerts table (recorded before the alert engine). */
  recorded: boolean;
  /** Alerts raised in the range, newest first, at most a limit. */
  alerts: AlertRecord[];
  /** All alerts raised in the range. */
  total: number;
}

/** reports.summary's answer: everything the report shows except its table. */
export interface ReportContents {
  summary: ReportSummary;
  alerts: ReportAlerts;
}
