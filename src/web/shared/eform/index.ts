export { AddressPicker, type AddressValue } from './AddressPicker';
export {
  EformFields,
  type EformValues,
  eformData,
  ForSelfButton,
  prefillFromApplicant,
} from './EformFields';
export { EformView } from './EformView';
