/** Deterministic synthetic support-forum text in Spanish and English with a Zipf-like word distribution. */
import { seededRandom } from '../../src/lib/demo/seeded-random';

export { seededRandom };

const WORDS = {
  es: (
    'el la de que y en a los se no por con para una un su lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde ' +
    'router wifi fibra conexión factura pago tarjeta pedido envío devolución cuenta contraseña aplicación móvil teléfono error mensaje pantalla instalación técnico ' +
    'velocidad señal cobertura tarifa contrato cliente soporte ayuda problema solución configuración actualización reinicio dispositivo correo acceso sesión código ' +
    'reembolso cargo recibo plazo semana día noche mañana tarde funciona falla desconecta carga lento rápido nuevo viejo cambiar activar cancelar pagar recibir ' +
    'enviar llamar esperar probar revisar intentar abrir cerrar conectar descargar subir guardar borrar encontrar necesito quiero puedo tengo hice llegó sale aparece'
  ).split(' '),
  en: (
    'the of and to a in is it you that he was for on are with as i his they be at one have this from or had by not but what some can out other were all there when ' +
    'router wifi fibre connection invoice payment card order shipping refund account password app mobile phone error message screen install technician speed signal ' +
    'coverage plan contract customer support help problem solution settings update restart device email access session code charge receipt week day night morning ' +
    'evening works fails disconnects loads slow fast new old change activate cancel pay receive send call wait try check open close connect download upload save delete ' +
    'find need want can have did arrived shows appears still again since after before every'
  ).split(' '),
};

export function createTextGenerator(seed: number) {
  const rand = seededRandom(seed);
  // Zipf: rank r drawn with probability ∝ 1/r, via inverse transform on the harmonic CDF.
  const cdf = (words: string[]) => {
    const weights = words.map((_, i) => 1 / (i + 1));
    const total = weights.reduce((a, b) => a + b, 0);
    let acc = 0;
    return weights.map((w) => (acc += w / total));
  };
  const cdfs = { es: cdf(WORDS.es), en: cdf(WORDS.en) };
  const word = (locale: 'es' | 'en') => {
    const x = rand();
    const c = cdfs[locale];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return WORDS[locale][lo]!;
  };
  const words = (locale: 'es' | 'en', n: number) => Array.from({ length: n }, () => word(locale)).join(' ');
  const between = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const sentence = (locale: 'es' | 'en') => {
    const s = words(locale, between(6, 18));
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = (locale: 'es' | 'en', sentences: number) => Array.from({ length: sentences }, () => sentence(locale)).join(' ');
  return {
    rand,
    between,
    title: (locale: 'es' | 'en') => {
      const s = words(locale, between(5, 12));
      return `${s[0]!.toUpperCase()}${s.slice(1)}`.slice(0, 140);
    },
    /** Markdown body of 1–3 paragraphs, sometimes with a list or inline code. */
    body: (locale: 'es' | 'en', minSentences: number, maxSentences: number) => {
      const parts = [paragraph(locale, between(minSentences, maxSentences))];
      if (rand() < 0.3) parts.push(Array.from({ length: between(2, 4) }, () => `- ${words(locale, between(3, 8))}`).join('\n'));
      if (rand() < 0.2) parts.push(`\`ERR_${between(100, 999)}\` ${sentence(locale)}`);
      if (rand() < 0.5) parts.push(paragraph(locale, between(1, 3)));
      return parts.join('\n\n');
    },
  };
}
