package jp.kosodatehub.elasticsearchnode;

import java.io.Reader;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The analysis-common components kosodate-hub's mappings use (Elastic's analysis-common module is not on
 * Maven Central for Elasticsearch 8): the same Lucene classes with the module's defaults.
 *
 * <ul>
 *   <li>{@code whitespace} tokenizer: Lucene WhitespaceTokenizer (max token length 255);</li>
 *   <li>{@code lowercase}: LowerCaseFilter (no language option);</li>
 *   <li>{@code cjk_width}: CJKWidthFilter;</li>
 *   <li>{@code cjk_bigram}: CJKBigramFilter over han, hiragana, katakana and hangul, no unigrams
 *       ({@code output_unigrams} and {@code ignored_scripts} are not supported here);</li>
 *   <li>{@code porter_stem}: PorterStemFilter (English pages' sub-fields);</li>
 *   <li>{@code pattern} tokenizer: PatternTokenizer ({@code pattern}, {@code group}; no {@code flags});</li>
 *   <li>{@code mapping} char filter: MappingCharFilter from {@code mappings} ("key => value" rules whose sides
 *       may use {@code \\uXXXX} escapes, which is how kosodate-hub writes them);</li>
 *   <li>{@code pattern_replace} char filter: PatternReplaceCharFilter ({@code pattern}, {@code replacement}).</li>
 * </ul>
 */
public class CommonAnalysisPlugin extends Plugin implements AnalysisPlugin {

    public static TokenFilterFactory filter(final String name, final UnaryOperator<TokenStream> f) {
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TokenStream create(final TokenStream tokenStream) {
                return f.apply(tokenStream);
            }

            @Override
            public TokenStream normalize(final TokenStream tokenStream) {
                return "cjk_bigram".equals(name) || "porter_stem".equals(name) ? tokenStream : f.apply(tokenStream);
            }
        };
    }

    private static final Pattern RULE = Pattern.compile("(.*?)\\s*=>\\s*(.*?)\\s*$");
    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    private static String unescape(final String text) {
        final Matcher m = ESCAPE.matcher(text);
        final StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(out).toString();
    }

    public static CharFilterFactory charFilter(final String name, final UnaryOperator<Reader> f) {
        return new CharFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Reader create(final Reader reader) {
                return f.apply(reader);
            }
        };
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        // requiresAnalysisSettings: built only where an index configures them (not with empty settings up front).
        return Map.of("mapping", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) -> {
            final NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
            for (final String rule : settings.getAsList("mappings")) {
                final Matcher m = RULE.matcher(rule);
                if (!m.matches()) {
                    throw new IllegalArgumentException("Invalid mapping rule: [" + rule + "]");
                }
                builder.add(unescape(m.group(1)), unescape(m.group(2)));
            }
            final NormalizeCharMap map = builder.build();
            return charFilter(name, reader -> new MappingCharFilter(map, reader));
        }), "pattern_replace", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) -> {
            final Pattern pattern = Pattern.compile(settings.get("pattern"));
            final String replacement = settings.get("replacement", "");
            return charFilter(name, reader -> new PatternReplaceCharFilter(pattern, replacement, reader));
        }));
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("whitespace",
                (indexSettings, env, name, settings) -> TokenizerFactory.newFactory(name, WhitespaceTokenizer::new),
                "pattern", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) -> {
                    final Pattern pattern = Pattern.compile(settings.get("pattern", "\\W+"));
                    final int group = settings.getAsInt("group", -1);
                    return TokenizerFactory.newFactory(name, () -> new PatternTokenizer(pattern, group));
                }));
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
                "lowercase", (indexSettings, env, name, settings) -> filter(name, LowerCaseFilter::new),
                "cjk_width", (indexSettings, env, name, settings) -> filter(name, CJKWidthFilter::new),
                "cjk_bigram", (indexSettings, env, name, settings) -> filter(name, CJKBigramFilter::new),
                "porter_stem", (indexSettings, env, name, settings) -> filter(name, PorterStemFilter::new));
    }
}
