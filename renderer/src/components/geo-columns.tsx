// The Country and AS columns, the same in Live, History and a program's remote hosts. The AS
// organisation comes from a database anyone can register a name in: it is shown as text.
import { asText, type GeoFacts } from '../format/geo-text';
import { SafeText } from '../text/safe-text';
import type { Column } from './virtual-table';

export function geoColumns<R>(geo: (row: R) => GeoFacts, sortable = false): Column<R>[] {
  return [
    {
      id: 'country',
      header: 'Country',
      width: '78px',
      sortable,
      title:
        'Country of the remote address (ISO code), or what the address is: private, loopback, cgnat, ...',
      cell: (r) => <SafeText value={geo(r).country} placeholder="" />,
    },
    {
      id: 'as',
      header: 'AS',
      width: 'minmax(120px, 1fr)',
      sortable,
      title: 'The network (autonomous system) the remote address belongs to',
      cell: (r) => <SafeText value={asText(geo(r))} placeholder="" title />,
    },
  ];
}
