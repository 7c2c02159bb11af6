export { AddressPicker, type AddressValue } from './AddressPicker';
export {
  EformFields,
  type EformValues,
  eformData,
  ForSelfButton,
  prefillFromApplicant,
  type SelfDetails,
  selfValues,
} from './EformFields';
export { EformView } from './EformView';
