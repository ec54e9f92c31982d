/**
 * Japanese family and given names in kanji with katakana readings and a romanisation (for
 * e-mail local parts). Family names are in rough frequency order (the generator weights them by
 * rank); given names carry the generation they were most popular in.
 */

export interface NameEntry {
  kanji: string;
  kana: string;
  romaji: string;
}

export type Generation = 'OLD' | 'MID' | 'YOUNG';

export interface GivenNameEntry extends NameEntry {
  /** OLD: born before 1960, MID: 1960–1984, YOUNG: 1985 and later. */
  generation: Generation;
}

/** Parse "漢字:カナ:romaji …". */
function parse(list: string): NameEntry[] {
  return list
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const [kanji, kana, romaji] = entry.split(':');
      if (!kanji || !kana || !romaji) throw new Error(`bad name entry ${entry}`);
      return { kanji, kana, romaji };
    });
}

function given(generation: Generation, list: string): GivenNameEntry[] {
  return parse(list).map((n) => ({ ...n, generation }));
}

export const FAMILY_NAMES: readonly NameEntry[] = parse(`
  佐藤:サトウ:sato 鈴木:スズキ:suzuki 高橋:タカハシ:takahashi 田中:タナカ:tanaka 伊藤:イトウ:ito
  渡辺:ワタナベ:watanabe 山本:ヤマモト:yamamoto 中村:ナカムラ:nakamura 小林:コバヤシ:kobayashi 加藤:カトウ:kato
  吉田:ヨシダ:yoshida 山田:ヤマダ:yamada 佐々木:ササキ:sasaki 山口:ヤマグチ:yamaguchi 松本:マツモト:matsumoto
  井上:イノウエ:inoue 木村:キムラ:kimura 林:ハヤシ:hayashi 斎藤:サイトウ:saito 清水:シミズ:shimizu
  山崎:ヤマザキ:yamazaki 森:モリ:mori 池田:イケダ:ikeda 橋本:ハシモト:hashimoto 阿部:アベ:abe
  石川:イシカワ:ishikawa 山下:ヤマシタ:yamashita 中島:ナカジマ:nakajima 石井:イシイ:ishii 小川:オガワ:ogawa
  前田:マエダ:maeda 岡田:オカダ:okada 長谷川:ハセガワ:hasegawa 藤田:フジタ:fujita 後藤:ゴトウ:goto
  近藤:コンドウ:kondo 村上:ムラカミ:murakami 遠藤:エンドウ:endo 青木:アオキ:aoki 坂本:サカモト:sakamoto
  斉藤:サイトウ:saito 福田:フクダ:fukuda 太田:オオタ:ota 西村:ニシムラ:nishimura 藤井:フジイ:fujii
  金子:カネコ:kaneko 岡本:オカモト:okamoto 藤原:フジワラ:fujiwara 中野:ナカノ:nakano 三浦:ミウラ:miura
  原田:ハラダ:harada 中川:ナカガワ:nakagawa 松田:マツダ:matsuda 竹内:タケウチ:takeuchi 小野:オノ:ono
  田村:タムラ:tamura 中山:ナカヤマ:nakayama 和田:ワダ:wada 石田:イシダ:ishida 森田:モリタ:morita
  上田:ウエダ:ueda 原:ハラ:hara 内田:ウチダ:uchida 柴田:シバタ:shibata 酒井:サカイ:sakai
  宮崎:ミヤザキ:miyazaki 横山:ヨコヤマ:yokoyama 高木:タカギ:takagi 安藤:アンドウ:ando 宮本:ミヤモト:miyamoto
  大野:オオノ:ono 小島:コジマ:kojima 谷口:タニグチ:taniguchi 今井:イマイ:imai 工藤:クドウ:kudo
  高田:タカダ:takada 増田:マスダ:masuda 丸山:マルヤマ:maruyama 杉山:スギヤマ:sugiyama 村田:ムラタ:murata
  大塚:オオツカ:otsuka 新井:アライ:arai 小山:コヤマ:koyama 平野:ヒラノ:hirano 藤本:フジモト:fujimoto
  河野:コウノ:kono 上野:ウエノ:ueno 野口:ノグチ:noguchi 武田:タケダ:takeda 松井:マツイ:matsui
  千葉:チバ:chiba 岩崎:イワサキ:iwasaki 菅原:スガワラ:sugawara 木下:キノシタ:kinoshita 久保:クボ:kubo
  佐野:サノ:sano 野村:ノムラ:nomura 松尾:マツオ:matsuo 市川:イチカワ:ichikawa 菊地:キクチ:kikuchi
  杉本:スギモト:sugimoto 古川:フルカワ:furukawa 大西:オオニシ:onishi 島田:シマダ:shimada 水野:ミズノ:mizuno
  桜井:サクライ:sakurai 高野:タカノ:takano 渡部:ワタナベ:watanabe 吉川:ヨシカワ:yoshikawa 山内:ヤマウチ:yamauchi
  西田:ニシダ:nishida 飯田:イイダ:iida 菊池:キクチ:kikuchi 西川:ニシカワ:nishikawa 小松:コマツ:komatsu
  北村:キタムラ:kitamura 安田:ヤスダ:yasuda 五十嵐:イガラシ:igarashi 川口:カワグチ:kawaguchi 平田:ヒラタ:hirata
  関:セキ:seki 中田:ナカタ:nakata 久保田:クボタ:kubota 服部:ハットリ:hattori 東:アズマ:azuma
  岩田:イワタ:iwata 土屋:ツチヤ:tsuchiya 川崎:カワサキ:kawasaki 福島:フクシマ:fukushima 本田:ホンダ:honda
  辻:ツジ:tsuji 樋口:ヒグチ:higuchi 秋山:アキヤマ:akiyama 田口:タグチ:taguchi 永井:ナガイ:nagai
  山中:ヤマナカ:yamanaka 中西:ナカニシ:nakanishi 吉村:ヨシムラ:yoshimura 川上:カワカミ:kawakami 大橋:オオハシ:ohashi
  石原:イシハラ:ishihara 松岡:マツオカ:matsuoka 浜田:ハマダ:hamada 馬場:ババ:baba 森本:モリモト:morimoto
  矢野:ヤノ:yano 浅野:アサノ:asano 松下:マツシタ:matsushita 星野:ホシノ:hoshino 大久保:オオクボ:okubo
  吉岡:ヨシオカ:yoshioka 小池:コイケ:koike 野田:ノダ:noda 荒木:アラキ:araki 大谷:オオタニ:otani
  内藤:ナイトウ:naito 松浦:マツウラ:matsuura 熊谷:クマガイ:kumagai 黒田:クロダ:kuroda 尾崎:オザキ:ozaki
  永田:ナガタ:nagata 川村:カワムラ:kawamura 望月:モチヅキ:mochizuki 田辺:タナベ:tanabe 松村:マツムラ:matsumura
  荒井:アライ:arai 堀:ホリ:hori 大島:オオシマ:oshima 平井:ヒライ:hirai 早川:ハヤカワ:hayakawa
  菅野:カンノ:kanno 栗原:クリハラ:kurihara 西山:ニシヤマ:nishiyama 広瀬:ヒロセ:hirose 比嘉:ヒガ:higa
  金城:キンジョウ:kinjo
`);

export const MALE_GIVEN_NAMES: readonly GivenNameEntry[] = [
  ...given(
    'OLD',
    `
    茂:シゲル:shigeru 清:キヨシ:kiyoshi 実:ミノル:minoru 博:ヒロシ:hiroshi 正:タダシ:tadashi 義雄:ヨシオ:yoshio
    勇:イサム:isamu 進:ススム:susumu 弘:ヒロシ:hiroshi 和夫:カズオ:kazuo 昭:アキラ:akira 修:オサム:osamu
    武:タケシ:takeshi 豊:ユタカ:yutaka 稔:ミノル:minoru 孝:タカシ:takashi`,
  ),
  ...given(
    'MID',
    `
    誠:マコト:makoto 浩:ヒロシ:hiroshi 隆:タカシ:takashi 明:アキラ:akira 健一:ケンイチ:kenichi 哲也:テツヤ:tetsuya
    和也:カズヤ:kazuya 秀樹:ヒデキ:hideki 正人:マサト:masato 聡:サトシ:satoshi 剛:ツヨシ:tsuyoshi 学:マナブ:manabu
    徹:トオル:toru 雄一:ユウイチ:yuichi 慎一:シンイチ:shinichi 康弘:ヤスヒロ:yasuhiro 健二:ケンジ:kenji
    英樹:ヒデキ:hideki 浩二:コウジ:koji 直樹:ナオキ:naoki 達也:タツヤ:tatsuya 一郎:イチロウ:ichiro`,
  ),
  ...given(
    'YOUNG',
    `
    大輔:ダイスケ:daisuke 翔太:ショウタ:shota 拓也:タクヤ:takuya 健太:ケンタ:kenta 亮:リョウ:ryo
    裕介:ユウスケ:yusuke 勇気:ユウキ:yuki 蓮:レン:ren 悠斗:ユウト:yuto 陽介:ヨウスケ:yosuke 俊介:シュンスケ:shunsuke
    智也:トモヤ:tomoya 大樹:ダイキ:daiki 翼:ツバサ:tsubasa 航:ワタル:wataru 拓海:タクミ:takumi 翔:ショウ:sho
    光太郎:コウタロウ:kotaro 太郎:タロウ:taro 颯太:ソウタ:sota`,
  ),
];

export const FEMALE_GIVEN_NAMES: readonly GivenNameEntry[] = [
  ...given(
    'OLD',
    `
    幸子:サチコ:sachiko 和子:カズコ:kazuko 節子:セツコ:setsuko 洋子:ヨウコ:yoko 京子:キョウコ:kyoko
    恵子:ケイコ:keiko 順子:ジュンコ:junko 典子:ノリコ:noriko 紀子:ノリコ:noriko 花子:ハナコ:hanako
    澄子:スミコ:sumiko 文子:フミコ:fumiko`,
  ),
  ...given(
    'MID',
    `
    陽子:ヨウコ:yoko 美穂:ミホ:miho 直美:ナオミ:naomi 由美:ユミ:yumi 久美子:クミコ:kumiko 真由美:マユミ:mayumi
    智子:トモコ:tomoko 裕子:ユウコ:yuko 明美:アケミ:akemi 恵:メグミ:megumi 優子:ユウコ:yuko 香織:カオリ:kaori
    真理子:マリコ:mariko 由紀子:ユキコ:yukiko 理恵:リエ:rie 友美:トモミ:tomomi 加奈子:カナコ:kanako`,
  ),
  ...given(
    'YOUNG',
    `
    美香:ミカ:mika 愛:アイ:ai 彩:アヤ:aya 麻衣:マイ:mai 舞:マイ:mai 千尋:チヒロ:chihiro 沙織:サオリ:saori
    瞳:ヒトミ:hitomi 結衣:ユイ:yui 美咲:ミサキ:misaki 陽菜:ヒナ:hina 葵:アオイ:aoi さくら:サクラ:sakura
    奈緒:ナオ:nao 綾香:アヤカ:ayaka 遥:ハルカ:haruka 七海:ナナミ:nanami 玲奈:レナ:rena`,
  ),
];
